using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Vozex.Web.Modules.Catalog.Browse;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Catalog.Seed;
using Vozex.Web.Platform.Http;

namespace Vozex.Bench;

/// <summary>
/// The product detail response: mapping the entity to its view and serializing it with the app's JSON
/// options (snake_case, string enums), for DemoCatalog.Products[0] (a SaaS product with plans and add-ons).
/// </summary>
[MemoryDiagnoser]
public class ProductDetailsJsonBenchmarks
{
    private readonly JsonSerializerOptions _options = CreateOptions();
    private Product _product = null!;
    private ProductDetails _details = null!;

    private static JsonSerializerOptions CreateOptions()
    {
        // Minimal APIs start from the web defaults, then the app's ConfigureJson runs.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HttpPlatform.ConfigureJson(options);
        return options;
    }

    [GlobalSetup]
    public void Setup()
    {
        _product = BenchData.Build(DemoCatalog.Products[0]);
        _details = CatalogQueries.ToDetails(_product);
        // Warm the serializer's metadata cache so the benchmark measures steady state.
        _ = JsonSerializer.SerializeToUtf8Bytes(_details, _options);
    }

    [Benchmark]
    public ProductDetails ToDetails() => CatalogQueries.ToDetails(_product);

    [Benchmark]
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(_details, _options);

    [Benchmark]
    public byte[] ToDetailsAndSerialize() => JsonSerializer.SerializeToUtf8Bytes(CatalogQueries.ToDetails(_product), _options);
}
