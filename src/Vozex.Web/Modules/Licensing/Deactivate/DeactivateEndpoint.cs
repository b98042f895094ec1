using Microsoft.AspNetCore.Http.HttpResults;
using Vozex.Web.Modules.Licensing.Activate;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Validate;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Deactivate;

public sealed record DeactivateRequest(string? Key, string? Fingerprint);

internal static class DeactivateEndpoint
{
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        DeactivateRequest request, HttpContext http, MarketplaceDbContext db, Seats seats, SeatChurn churnLimit, LicenseApiLimiter limiter, CancellationToken cancellationToken)
    {
        var errors = LicenseRequestChecks.Check(request.Key, request.Fingerprint, fingerprintRequired: true);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The deactivation request is not valid.");
        if (LicenseKey.TryHash(request.Key) is not { } hash) return ActivateEndpoint.NotFound();
        if (limiter.TryCall(hash) is { } wait) return LicenseApiLimiter.TooMany(http, wait, "Too many calls for this license. Wait and try again.");
        var license = await LicenseLookup.FindAsync(db, hash, cancellationToken);
        if (license is null) return ActivateEndpoint.NotFound();
        var fingerprint = request.Fingerprint!.Trim();
        if (await seats.FindAsync(license.Id, fingerprint, cancellationToken) is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "This machine is not activated on the license.",
                extensions: new Dictionary<string, object?> { ["code"] = ValidationCodes.NotActivated });
        if (await churnLimit.TryChangeAsync(license.Id, cancellationToken) is { } churn)
            return LicenseApiLimiter.TooMany(http, churn, "This license changed machines too often. Wait before deactivating another one.");
        return await seats.FreeAsync(license.Id, q => q.Where(a => a.Fingerprint == fingerprint), cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "This machine is not activated on the license.",
                extensions: new Dictionary<string, object?> { ["code"] = ValidationCodes.NotActivated });
    }
}
