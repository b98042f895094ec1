using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Issue;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Validate;

public sealed record ValidateRequest(string? Key, string? Fingerprint);

public sealed record ValidateResponse(bool Valid, string Code, DateTimeOffset? UpdatesUntil, bool UpdatesAvailable, LicenseApiSummary? License);

internal static class ValidateEndpoint
{
    public static async Task<Results<Ok<ValidateResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        ValidateRequest request, HttpContext http, MarketplaceDbContext db, LicenseApiLimiter limiter, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = LicenseRequestChecks.Check(request.Key, request.Fingerprint, fingerprintRequired: false);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The validation request is not valid.");
        // A malformed key gets the same answer as an unknown one.
        if (LicenseKey.TryHash(request.Key) is not { } hash) return TypedResults.Ok(NotFound);
        if (limiter.TryCall(hash) is { } wait) return LicenseApiLimiter.TooMany(http, wait, "Too many calls for this license. Wait and try again.");

        var license = await LicenseLookup.FindAsync(db, hash, cancellationToken);
        if (license is null) return TypedResults.Ok(NotFound);
        var now = time.GetUtcNow();
        var fingerprint = request.Fingerprint?.Trim();
        var activated = fingerprint is not null
            && await db.Set<Activation>().AsNoTracking().AnyAsync(a => a.LicenseId == license.Id && a.Fingerprint == fingerprint, cancellationToken);
        var code = Code(license.Status, license.ExpiresAt, now, fingerprint is not null, activated, license.Activations, license.MaxActivations);
        return TypedResults.Ok(new ValidateResponse(code == ValidationCodes.Valid, code, license.UpdatesUntil,
            UpdatesPolicy.UpdatesAvailable(license.UpdatesUntil, now), license.ToSummary()));
    }

    private static readonly ValidateResponse NotFound = new(false, ValidationCodes.NotFound, null, false, null);

    /// <summary>
    /// The license's own state first (revoked, suspended, expired); then, when a machine is named: more machines than
    /// seats (after the seats were lowered) is TOO_MANY_ACTIVATIONS for everyone; an unactivated machine is
    /// TOO_MANY_ACTIVATIONS when no seat is free (it could not be activated) and NOT_ACTIVATED when one is.
    /// </summary>
    internal static string Code(LicenseStatus status, DateTimeOffset? expiresAt, DateTimeOffset now, bool machineNamed, bool activated, int activations, int maxActivations)
    {
        var code = License.StatusCode(status, expiresAt, now);
        if (code != ValidationCodes.Valid || !machineNamed) return code;
        if (activations > maxActivations) return ValidationCodes.TooManyActivations;
        if (activated) return ValidationCodes.Valid;
        return activations >= maxActivations ? ValidationCodes.TooManyActivations : ValidationCodes.NotActivated;
    }

    public static async Task<Ok<LicensePublicKey>> PublicKey(SigningKeyStore signing, HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Ok(await signing.PublicKeyAsync(cancellationToken));
    }
}
