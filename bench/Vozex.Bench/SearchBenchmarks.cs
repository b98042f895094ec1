using BenchmarkDotNet.Attributes;
using Vozex.Web.Modules.Catalog.Search;

namespace Vozex.Bench;

/// <summary>What every list request with <c>q=</c> does before it reaches the database.</summary>
[MemoryDiagnoser]
public class SearchTermsBenchmarks
{
    [Params("kitchen display", "Restaurant POS: kitchen-display & offline mode (café) ... kitchen again!!")]
    public string Text { get; set; } = "";

    [Benchmark]
    public int Parse() => SearchTerms.Parse(Text).Count;

    [Benchmark]
    public string ParseAndToTsQuery() => SearchTerms.ToTsQuery(SearchTerms.Parse(Text));
}
