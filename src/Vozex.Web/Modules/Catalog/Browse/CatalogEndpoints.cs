using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vozex.Web.Modules.Analytics.Contracts;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Catalog.Browse;

internal static class CatalogEndpoints
{
    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("").WithTags("Catalog").AllowAnonymous().CacheOutput(CatalogCache.Policy);

        catalog.MapGet("/product-types", () => TypedResults.Ok(new { items = CatalogQueries.ProductTypes }))
            .WithName("ListProductTypes").WithSummary("The 16 product types with their icon, delivery model, category and features.");

        catalog.MapGet("/categories", () => TypedResults.Ok(new { items = CatalogQueries.Categories }))
            .WithName("ListCategories").WithSummary("The 3 categories and the product types in each.");

        catalog.MapGet("/products", ListProducts)
            .WithMetadata(new TrackViewAttribute(AnalyticsEventKinds.CatalogView))
            .WithName("ListProducts")
            .WithSummary("Active products, filtered, searched, sorted and paged.")
            .WithDescription("Prices (min_price, max_price and every amount) are integer minor units. sort: relevance (default), price, price_desc, newest, popularity.");

        catalog.MapGet("/products/compare", Compare)
            .WithName("CompareProducts").WithSummary("Side-by-side features and prices of up to 4 products (slugs=a,b,c).");

        catalog.MapGet("/products/{slug}", GetProduct)
            .WithMetadata(new TrackViewAttribute(AnalyticsEventKinds.ProductView))
            .WithName("GetProduct").WithSummary("A product with the option sets that apply to its type and its from_price.");

        return api;
    }

    private static async Task<Results<Ok<Paged<ProductSummary>>, ValidationProblem>> ListProducts(
        CatalogQueries queries,
        [FromQuery] string? category, [FromQuery] string? type, [FromQuery] string? q,
        [FromQuery(Name = "min_price")] string? minPrice, [FromQuery(Name = "max_price")] string? maxPrice,
        [FromQuery] string? sort, [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken cancellationToken)
    {
        var (query, errors) = ProductQuery.Parse(category, type, q, minPrice, maxPrice, sort, page, pageSize);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The product query is not valid.");
        return TypedResults.Ok(await queries.ListAsync(query, cancellationToken));
    }

    private static async Task<Results<Ok<ProductDetails>, ProblemHttpResult>> GetProduct(string slug, CatalogQueries queries, CancellationToken cancellationToken)
    {
        var product = await queries.FindAsync(slug, cancellationToken);
        return product is null ? NotFound($"No product with slug '{slug}'.") : TypedResults.Ok(product);
    }

    private static async Task<Results<Ok<ComparisonView>, ValidationProblem, ProblemHttpResult>> Compare(
        [FromQuery] string[]? slugs, CatalogQueries queries, CancellationToken cancellationToken)
    {
        var list = ParseSlugs(slugs);
        if (list.Count is 0 or > CatalogQueries.MaxCompared)
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["slugs"] = [$"Name 1 to {CatalogQueries.MaxCompared} product slugs, comma separated."] },
                title: "The comparison request is not valid.");
        var (view, missing) = await queries.CompareAsync(list, cancellationToken);
        return view is null ? NotFound($"No product with slug '{missing}'.") : TypedResults.Ok(view);
    }

    /// <summary>Accepts <c>slugs=a,b</c> and <c>slugs=a&amp;slugs=b</c> (what an HTML form of checkboxes sends).</summary>
    public static IReadOnlyList<string> ParseSlugs(IEnumerable<string?>? raw) =>
        (raw ?? []).SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: detail);
}
