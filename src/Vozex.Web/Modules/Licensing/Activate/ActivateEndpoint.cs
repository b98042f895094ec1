using Microsoft.AspNetCore.Http.HttpResults;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Validate;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Activate;

public sealed record ActivateRequest(string? Key, string? Fingerprint, string? Name);

public sealed record ActivationResponse(Guid ActivationId, Guid LicenseId, string Fingerprint, string? Name, DateTimeOffset ActivatedAt,
    int Activations, int MaxActivations, LicenseApiSummary License);

internal static class ActivateEndpoint
{
    public static async Task<Results<Created<ActivationResponse>, Ok<ActivationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        ActivateRequest request, HttpContext http, MarketplaceDbContext db, Seats seats, SeatChurn churnLimit, LicenseApiLimiter limiter, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = LicenseRequestChecks.Check(request.Key, request.Fingerprint, fingerprintRequired: true, request.Name);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The activation request is not valid.");
        if (LicenseKey.TryHash(request.Key) is not { } hash) return NotFound();
        if (limiter.TryCall(hash) is { } wait) return LicenseApiLimiter.TooMany(http, wait, "Too many calls for this license. Wait and try again.");

        var license = await LicenseLookup.FindAsync(db, hash, cancellationToken);
        if (license is null) return NotFound();
        var code = License.StatusCode(license.Status, license.ExpiresAt, time.GetUtcNow());
        if (code != ValidationCodes.Valid)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The license cannot be activated.",
                detail: $"The license is {LicenseStatusNames.Name(license.Status)}.", extensions: new Dictionary<string, object?> { ["code"] = code });

        var fingerprint = request.Fingerprint!.Trim();
        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        if (await seats.FindAsync(license.Id, fingerprint, cancellationToken) is { } existing)
            return TypedResults.Ok(Response(existing, license, license.Activations));
        if (await churnLimit.TryChangeAsync(license.Id, cancellationToken) is { } churn)
            return LicenseApiLimiter.TooMany(http, churn, "This license changed machines too often. Wait before activating another one.");

        switch (await seats.TakeAsync(license.Id, fingerprint, name, cancellationToken))
        {
            case SeatOutcome.Taken { New: true } taken:
                var now = license with { Activations = license.Activations + 1 };
                return TypedResults.Created($"/api/v1/licenses/activations/{taken.Activation.Id}", Response(taken.Activation, now, now.Activations));
            case SeatOutcome.Taken again:
                return TypedResults.Ok(Response(again.Activation, license, license.Activations));
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No activation left.",
                    detail: $"All {license.MaxActivations} activations of this license are in use. Deactivate a machine first.",
                    extensions: new Dictionary<string, object?> { ["code"] = ValidationCodes.TooManyActivations, ["max_activations"] = license.MaxActivations });
        }
    }

    private static ActivationResponse Response(Activation a, LicenseLookup license, int activations) =>
        new(a.Id, license.Id, a.Fingerprint, a.Name, a.ActivatedAt, activations, license.MaxActivations, license.ToSummary());

    /// <summary>The same answer for a malformed key and an unknown one, so the API does not tell which keys exist.</summary>
    internal static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No license has this key.",
            extensions: new Dictionary<string, object?> { ["code"] = ValidationCodes.NotFound });
}
