using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Licensing.Activate;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Downloads;
using Vozex.Web.Modules.Licensing.Issue;
using Vozex.Web.Modules.Licensing.Validate;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Licensing.Dashboard;

public sealed record MachineView(Guid Id, string Fingerprint, string? Name, DateTimeOffset ActivatedAt);

public sealed record CustomerLicenseView(
    Guid Id,
    string Key,
    string ProductName,
    string ProductSlug,
    string LicenseType,
    string LicenseTypeName,
    string SupportPlan,
    DateTimeOffset SupportUntil,
    string Updates,
    DateTimeOffset? UpdatesUntil,
    string Status,
    int MaxActivations,
    int Activations,
    IReadOnlyList<MachineView> Machines,
    Guid OrderId,
    string OrderNumber,
    DateTimeOffset IssuedAt);

/// <summary>Optional: with no body (or no JSON), the link serves the first file of the newest covered release.</summary>
public sealed record NewDownloadLinkRequest(string? Version, string? FileName)
{
    // Bound by hand because a [FromBody] parameter makes routing demand a JSON content type, turning a bodiless POST into a miss.
    public static async ValueTask<NewDownloadLinkRequest?> BindAsync(HttpContext context)
    {
        if (context.Request.ContentLength == 0 || !context.Request.HasJsonContentType()) return new NewDownloadLinkRequest(null, null);
        try
        {
            var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>();
            return await context.Request.ReadFromJsonAsync<NewDownloadLinkRequest>(options.Value.SerializerOptions, context.RequestAborted)
                ?? new NewDownloadLinkRequest(null, null);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The request body is not valid JSON for this endpoint.", StatusCodes.Status400BadRequest, e);
        }
    }
}

internal static class CustomerLicenseEndpoints
{
    public static RouteGroupBuilder MapCustomerLicenses(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/licenses").RequireAuthorization(Policies.Customer).WithTags("Licenses");
        me.MapGet("", List).WithName("ListMyLicenses").WithSummary("The signed-in customer's licenses with their keys and machines, newest first.");
        me.MapGet("/{id:guid}", Get).WithName("GetMyLicense").WithSummary("One of the customer's licenses; anyone else's is 404.");
        me.MapGet("/{id:guid}/releases", Releases).WithName("ListMyLicenseReleases")
            .WithSummary("The product's releases, each saying whether the license's updates cover it.");
        me.MapPost("/{id:guid}/download-links", NewLink).WithName("CreateDownloadLink")
            .WithSummary("A fresh download link (24 hours, 5 downloads) for an active license: the newest covered release unless one is named.");
        me.MapGet("/{id:guid}/license-file", LicenseFile).WithName("GetLicenseFile")
            .WithSummary("The Ed25519-signed license file for offline verification.");
        me.MapDelete("/{id:guid}/activations/{activationId:guid}", Deactivate).WithName("DeactivateMyMachine")
            .WithSummary("Frees the seat of one machine.");
        return api;
    }

    private static async Task<Results<Ok<Paged<CustomerLicenseView>>, ValidationProblem>> List(
        ClaimsPrincipal user, CustomerLicenses licenses,
        [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await licenses.ListAsync(user.RequiredUserId(), p, size, cancellationToken));
    }

    private static async Task<Results<Ok<CustomerLicenseView>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, CustomerLicenses licenses, CancellationToken cancellationToken) =>
        await licenses.FindAsync(user.RequiredUserId(), id, cancellationToken) is { } license ? TypedResults.Ok(license) : NoSuchLicense();

    private static async Task<Results<Ok<IReadOnlyList<LicenseReleaseView>>, ProblemHttpResult>> Releases(
        Guid id, ClaimsPrincipal user, CustomerLicenses licenses, CancellationToken cancellationToken) =>
        await licenses.ReleasesAsync(user.RequiredUserId(), id, cancellationToken) is { } releases ? TypedResults.Ok(releases) : NoSuchLicense();

    private static async Task<Results<Created<DownloadLinkCreated>, ValidationProblem, ProblemHttpResult>> NewLink(
        Guid id, NewDownloadLinkRequest? request, ClaimsPrincipal user, HttpRequest http, CustomerLicenses licenses,
        CancellationToken cancellationToken)
    {
        var outcome = await licenses.NewLinkAsync(user.RequiredUserId(), id, request?.Version, request?.FileName,
            new Uri($"{http.Scheme}://{http.Host}"), cancellationToken);
        return outcome switch
        {
            NewLinkOutcome.Created created => TypedResults.Created((string?)null, created.Link),
            NewLinkOutcome.NoSuchLicense => NoSuchLicense(),
            NewLinkOutcome.NotActive notActive => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The license is not active.",
                detail: $"Download links are made only for active licenses; this one is {notActive.Status}."),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [request?.FileName is not null ? "file_name" : "version"] = ["No file of a release covered by this license matches."],
            }, title: "No such release file."),
        };
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> LicenseFile(
        Guid id, ClaimsPrincipal user, MarketplaceDbContext db, SigningKeyStore signing, CancellationToken cancellationToken)
    {
        var customer = user.RequiredUserId();
        var license = await db.Set<License>().AsNoTracking().Where(l => l.Id == id && l.CustomerId == customer)
            .Select(l => new { l.Id, l.ProductSlug, l.LicenseType, l.Features, l.MaxActivations, l.UpdatesUntil, l.IssuedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (license is null) return NoSuchLicense();
        var file = await signing.SignAsync(new LicenseDocument(license.Id, license.ProductSlug, license.LicenseType, license.Features,
            license.MaxActivations, license.UpdatesUntil, license.IssuedAt), cancellationToken);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(file, LicenseFileJson.Options);
        return TypedResults.File(bytes, "application/json", $"{license.ProductSlug}-{license.Id:N}.vozex-license.json");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(
        Guid id, Guid activationId, ClaimsPrincipal user, CustomerLicenses licenses, CancellationToken cancellationToken) =>
        await licenses.DeactivateAsync(user.RequiredUserId(), id, activationId, cancellationToken) switch
        {
            null => NoSuchLicense(),
            true => TypedResults.NoContent(),
            false => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such machine on this license."),
        };

    private static ProblemHttpResult NoSuchLicense() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such license.");
}

internal static class LicenseFileJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        HttpPlatform.ConfigureJson(options);
        return options;
    }
}
