using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Catalog.Browse;

public enum ProductSort
{
    Relevance,
    Price,
    PriceDesc,
    Newest,
    Popularity,
}

/// <summary>A validated product list request. Prices are integer minor units, like every amount in the API.</summary>
public sealed record ProductQuery(
    string? Category = null,
    string? Type = null,
    string? Text = null,
    long? MinPrice = null,
    long? MaxPrice = null,
    ProductSort Sort = ProductSort.Relevance,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize)
{
    private static readonly Dictionary<string, ProductSort> SortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["relevance"] = ProductSort.Relevance,
        ["price"] = ProductSort.Price,
        ["price_asc"] = ProductSort.Price,
        ["price_desc"] = ProductSort.PriceDesc,
        ["newest"] = ProductSort.Newest,
        ["popularity"] = ProductSort.Popularity,
    };

    public static string SortName(ProductSort sort) => sort switch
    {
        ProductSort.Relevance => "relevance",
        ProductSort.Price => "price",
        ProductSort.PriceDesc => "price_desc",
        ProductSort.Newest => "newest",
        ProductSort.Popularity => "popularity",
    };

    /// <summary>Parses raw query-string values; every problem is reported against the parameter that caused it.</summary>
    public static (ProductQuery Query, Dictionary<string, string[]> Errors) Parse(
        string? category, string? type, string? q, string? minPrice, string? maxPrice, string? sort, string? page, string? pageSize)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        category = Blank(category);
        type = Blank(type);
        if (category is not null && ProductTypeRegistry.FindCategory(category) is null)
            errors["category"] = [$"Unknown category '{category}'. Use one of: {string.Join(", ", ProductTypeRegistry.Categories.Select(c => c.Id))}."];
        var productType = ProductTypeRegistry.Find(type);
        if (type is not null && productType is null)
            errors["type"] = [$"Unknown product type '{type}'. GET /api/v1/product-types lists them."];
        else if (productType is not null && category is not null && productType.CategoryId != category)
            errors["type"] = [$"Product type '{type}' is not in category '{category}'."];

        var min = ReadPrice(minPrice, "min_price", errors);
        var max = ReadPrice(maxPrice, "max_price", errors);
        if (min is not null && max is not null && min > max)
            errors["max_price"] = ["Must be greater than or equal to min_price."];

        var sortValue = ProductSort.Relevance;
        if (Blank(sort) is { } s && !SortNames.TryGetValue(s, out sortValue))
            errors["sort"] = ["Must be one of relevance, price, price_desc, newest, popularity."];

        if (q is { Length: > 200 })
            errors["q"] = ["Must be at most 200 characters."];

        var (p, size) = Paging.Read(Blank(page), Blank(pageSize), errors);
        return (new ProductQuery(category, type, Blank(q), min, max, sortValue, p, size), errors);
    }

    private static long? ReadPrice(string? raw, string name, Dictionary<string, string[]> errors)
    {
        if (Blank(raw) is not { } value) return null;
        if (long.TryParse(value, out var amount) && amount >= 0) return amount;
        errors[name] = ["Must be a whole, non-negative amount in minor units (cents)."];
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
