using Vozex.Web.Modules.Catalog.Browse;

namespace Vozex.UnitTests.Catalog;

public sealed class ProductQueryTests
{
    [Fact]
    public void Valid_parameters_parse_into_a_query()
    {
        var (query, errors) = ProductQuery.Parse("saas_products", "pos_retail", "stock", "100", "9000", "price_desc", "2", "10");
        Assert.Empty(errors);
        Assert.Equal(new ProductQuery("saas_products", "pos_retail", "stock", 100, 9000, ProductSort.PriceDesc, 2, 10), query);
    }

    [Theory]
    [InlineData("page", null, null, null, null, "0", null)]
    [InlineData("page_size", null, null, null, null, null, "101")]
    [InlineData("sort", null, null, null, "cheapest", null, null)]
    [InlineData("min_price", null, "-1", null, null, null, null)]
    [InlineData("max_price", null, "500", "100", null, null, null)]
    [InlineData("category", "games", null, null, null, null, null)]
    public void Bad_parameters_are_named(string parameter, string? category, string? min, string? max, string? sort, string? page, string? size)
    {
        var (_, errors) = ProductQuery.Parse(category, null, null, min, max, sort, page, size);
        Assert.Equal([parameter], errors.Keys);
    }

    [Fact]
    public void A_type_outside_the_chosen_category_is_an_error_on_type()
    {
        var (_, errors) = ProductQuery.Parse("services", "pos_retail", null, null, null, null, null, null);
        Assert.Equal(["type"], errors.Keys);
    }
}
