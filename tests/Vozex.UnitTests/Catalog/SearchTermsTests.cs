using Vozex.Web.Modules.Catalog.Search;

namespace Vozex.UnitTests.Catalog;

public sealed class SearchTermsTests
{
    [Fact]
    public void Words_are_lowercased_deduplicated_and_stripped_of_syntax()
    {
        var terms = SearchTerms.Parse("Kitchen \"display\" & KITCHEN -- ' OR 1=1; drop:*");
        Assert.Equal(["kitchen", "display", "or", "1", "drop"], terms);
    }

    [Fact]
    public void Queries_for_both_engines_are_prefix_and_all_terms()
    {
        IReadOnlyList<string> terms = ["kitchen", "disp"];
        Assert.Equal("kitchen:* & disp:*", SearchTerms.ToTsQuery(terms));
        Assert.Equal("\"kitchen\"* \"disp\"*", SearchTerms.ToFts5Match(terms));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  -- ** ")]
    public void Nothing_searchable_gives_no_terms(string? text) => Assert.Empty(SearchTerms.Parse(text));

    [Fact]
    public void At_most_eight_terms_are_kept() =>
        Assert.Equal(SearchTerms.MaxTerms, SearchTerms.Parse("a b c d e f g h i j k").Count);
}
