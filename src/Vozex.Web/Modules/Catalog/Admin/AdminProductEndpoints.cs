using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Catalog.Admin;

internal static class AdminProductEndpoints
{
    public static RouteGroupBuilder MapAdminProductsApi(this RouteGroupBuilder api)
    {
        var products = api.MapGroup("/admin/products").RequireAuthorization(Policies.Admin).WithTags("Admin");

        products.MapGet("", List).WithName("AdminListProducts")
            .WithSummary("Every product in any status, newest change first; q searches name and slug, type, delivery_model and status filter.");
        products.MapPost("", Create).WithName("AdminCreateProduct")
            .WithSummary("Creates a product (draft unless status says otherwise). Amounts are integer minor units.")
            .WithDescription("400 with errors keyed by field path (name, slug, pricing_plans[0].monthly_price, ...) and nothing stored.");
        products.MapGet("/{id:long}", Get).WithName("AdminGetProduct").WithSummary("A product with its option sets as PUT takes them.");
        products.MapPut("/{id:long}", Update).WithName("AdminUpdateProduct")
            .WithSummary("Replaces a product's fields and option sets; status moves draft → active → archived (archived → draft to rework).")
            .WithDescription("Placed orders keep their own snapshot and never change. Release files are kept by storage_path; new ones arrive by upload. "
                + "Send the revision from GET: when someone saved the product since, the answer is 409 and nothing changes.");
        products.MapDelete("/{id:long}", Archive).WithName("AdminArchiveProduct")
            .WithSummary("Archives the product: it leaves the storefront, and orders, licenses and tenants that name it are untouched.");
        products.MapPost("/{id:long}/release-files", Upload).WithName("AdminUploadReleaseFile")
            .WithSummary("Uploads a release file (multipart: file, version, notes?, released_on?); the server measures its size and SHA-256.")
            .DisableAntiforgery(); // bearer-token API; the admin page posts to its own antiforgery-checked endpoint
        return api;
    }

    private static async Task<Results<Ok<Paged<AdminProductSummary>>, ValidationProblem>> List(
        ProductAdmin admin, [FromQuery] string? q, [FromQuery] string? type, [FromQuery(Name = "delivery_model")] string? deliveryModel,
        [FromQuery] string? status, [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = ReadQuery(q, type, deliveryModel, status, page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The product query is not valid.");
        return TypedResults.Ok(await admin.ListAsync(query, cancellationToken));
    }

    /// <summary>Shared with the list page, which shows the same messages beside its filters.</summary>
    public static AdminProductQuery ReadQuery(string? q, string? type, string? deliveryModel, string? status, string? page, string? pageSize,
        IDictionary<string, string[]> errors)
    {
        if (q is { Length: > 200 }) errors["q"] = ["At most 200 characters."];
        if (!string.IsNullOrEmpty(type) && ProductTypeRegistry.Find(type) is null) errors["type"] = [$"Unknown product type '{type}'."];
        if (!string.IsNullOrEmpty(deliveryModel) && !Enum.GetValues<DeliveryModel>().Any(m => DeliveryModels.Name(m) == deliveryModel))
            errors["delivery_model"] = ["Must be saas, self_hosted or service."];
        ProductStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            wanted = WireNames.FromWireName<ProductStatus>(status);
            if (wanted is null) errors["status"] = [$"Must be one of {WireNames.Choices<ProductStatus>()}."];
        }
        var (p, size) = Paging.Read(page, pageSize, errors);
        return new AdminProductQuery(q is { Length: > 200 } ? null : q, string.IsNullOrEmpty(type) ? null : type,
            string.IsNullOrEmpty(deliveryModel) ? null : deliveryModel, wanted, p, size);
    }

    private static async Task<Results<Created<AdminProductView>, ValidationProblem>> Create(
        ProductWrite body, ProductAdmin admin, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await admin.CreateAsync(body, user, cancellationToken);
        if (!result.Succeeded) return TypedResults.ValidationProblem(result.Errors, title: "The product cannot be saved as sent.");
        return TypedResults.Created($"/api/v1/admin/products/{result.Product!.Id.ToString(CultureInfo.InvariantCulture)}", result.Product);
    }

    private static async Task<Results<Ok<AdminProductView>, ProblemHttpResult>> Get(long id, ProductAdmin admin, CancellationToken cancellationToken)
    {
        var product = await admin.FindAsync(id, cancellationToken);
        return product is null ? NotFound() : TypedResults.Ok(product);
    }

    private static async Task<Results<Ok<AdminProductView>, ValidationProblem, ProblemHttpResult>> Update(
        long id, ProductWrite body, ProductAdmin admin, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await admin.UpdateAsync(id, body, user, cancellationToken);
        if (result.NotFound) return NotFound();
        if (result.Conflict)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The product changed since this edit started.",
                detail: "Another save came first and nothing was changed: GET the product again (its revision is newer) and apply the edit to it.");
        if (!result.Succeeded) return TypedResults.ValidationProblem(result.Errors, title: "The product cannot be saved as sent.");
        return TypedResults.Ok(result.Product!);
    }

    private static async Task<Results<Ok<AdminProductView>, ProblemHttpResult>> Archive(long id, ProductAdmin admin, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var product = await admin.ArchiveAsync(id, user, cancellationToken);
        return product is null ? NotFound() : TypedResults.Ok(product);
    }

    private static async Task<Results<Created<UploadedReleaseFile>, ValidationProblem, ProblemHttpResult>> Upload(
        long id, HttpRequest request, ProductAdmin admin, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send multipart/form-data with a file field."] });
        var form = await request.ReadFormAsync(cancellationToken);
        var (file, errors, notFound) = await UploadFromFormAsync(id, form, admin, user, cancellationToken);
        if (notFound) return NotFound();
        if (file is null) return TypedResults.ValidationProblem(errors, title: "The file cannot be added as sent.");
        return TypedResults.Created($"/api/v1/admin/products/{id.ToString(CultureInfo.InvariantCulture)}", file);
    }

    /// <summary>Reads file, version, notes and released_on from a form (the API and the editor page post the same fields).</summary>
    public static async Task<(UploadedReleaseFile? File, IReadOnlyDictionary<string, string[]> Errors, bool NotFound)> UploadFromFormAsync(
        long id, IFormCollection form, ProductAdmin admin, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var upload = form.Files.GetFile("file");
        DateOnly? releasedOn = null;
        if (form["released_on"].ToString() is { Length: > 0 } date)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return (null, new Dictionary<string, string[]> { ["released_on"] = ["Use yyyy-mm-dd."] }, false);
            releasedOn = parsed;
        }
        await using var content = upload?.OpenReadStream();
        return await admin.AddReleaseFileAsync(id, form["version"].ToString(), form["notes"].ToString(), releasedOn, upload?.FileName,
            content, user, cancellationToken);
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such product.");
}
