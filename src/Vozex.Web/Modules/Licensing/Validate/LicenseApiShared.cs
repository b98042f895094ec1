using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Validate;

/// <summary>The license as the software sees it (no key, no customer).</summary>
public sealed record LicenseApiSummary(
    Guid Id,
    string Product,
    string ProductName,
    string LicenseType,
    string Status,
    IReadOnlyList<string> Features,
    int MaxActivations,
    int Activations,
    DateTimeOffset? UpdatesUntil,
    DateTimeOffset SupportUntil,
    DateTimeOffset? ExpiresAt);

/// <summary>The columns the license API needs, read in one query.</summary>
internal sealed record LicenseLookup(
    Guid Id,
    string Product,
    string ProductName,
    string LicenseType,
    LicenseStatus Status,
    List<string> Features,
    int MaxActivations,
    int Activations,
    DateTimeOffset? UpdatesUntil,
    DateTimeOffset SupportUntil,
    DateTimeOffset? ExpiresAt)
{
    public LicenseApiSummary ToSummary() => new(Id, Product, ProductName, LicenseType, LicenseStatusNames.Name(Status), Features, MaxActivations,
        Activations, UpdatesUntil, SupportUntil, ExpiresAt);

    public static async Task<LicenseLookup?> FindAsync(MarketplaceDbContext db, string keyHash, CancellationToken cancellationToken) =>
        await db.Set<License>().AsNoTracking().Where(l => l.KeyHash == keyHash)
            .Select(l => new LicenseLookup(l.Id, l.ProductSlug, l.ProductName, l.LicenseType, l.Status, l.Features, l.MaxActivations,
                l.ActivationCount, l.UpdatesUntil, l.SupportUntil, l.ExpiresAt))
            .FirstOrDefaultAsync(cancellationToken);
}

internal static class LicenseStatusNames
{
    public static string Name(LicenseStatus status) => status switch
    {
        LicenseStatus.Active => "active",
        LicenseStatus.Suspended => "suspended",
        LicenseStatus.Revoked => "revoked",
        LicenseStatus.Expired => "expired",
    };

    public static LicenseStatus? Parse(string? value) => value switch
    {
        "active" => LicenseStatus.Active,
        "suspended" => LicenseStatus.Suspended,
        "revoked" => LicenseStatus.Revoked,
        "expired" => LicenseStatus.Expired,
        _ => null,
    };
}

/// <summary>
/// The per-license call limit of the license API, beside the per-IP policy on the routes: one key hammered from many
/// addresses is capped. The key's hash names the partition, so no key is kept in memory. This limit is per node (a fleet
/// of N nodes allows N times as much): counting every validate in the database would add a write to the hottest read.
/// Seat changes, which matter more and are rare, are limited in the database by <see cref="Activate.SeatChurn"/>.
/// </summary>
internal sealed class LicenseApiLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _calls;

    public LicenseApiLimiter(IOptions<LicensingOptions> options)
    {
        var o = options.Value;
        _calls = PartitionedRateLimiter.Create<string, string>(hash => RateLimitPartition.GetFixedWindowLimiter(hash,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.ApiPermitsPerLicense, Window = o.ApiWindow, QueueLimit = 0 }));
    }

    /// <summary>Null when allowed, else how long to wait.</summary>
    public TimeSpan? TryCall(string keyHash) => Acquire(_calls, keyHash);

    private static TimeSpan? Acquire(PartitionedRateLimiter<string> limiter, string keyHash)
    {
        using var lease = limiter.AttemptAcquire(keyHash);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(30);
    }

    public static ProblemHttpResult TooMany(HttpContext http, TimeSpan wait, string detail)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests", detail: detail);
    }

    public void Dispose()
    {
        _calls.Dispose();
    }
}

internal static class LicenseRequestChecks
{
    public const int MaxFingerprint = 200;
    public const int MaxName = 200;

    public static Dictionary<string, string[]> Check(string? key, string? fingerprint, bool fingerprintRequired, string? name = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(key)) errors["key"] = ["The license key is required."];
        if (fingerprintRequired && string.IsNullOrWhiteSpace(fingerprint)) errors["fingerprint"] = ["The machine fingerprint is required."];
        else if (fingerprint is not null && (fingerprint.Length > MaxFingerprint || fingerprint.Trim().Length == 0))
            errors["fingerprint"] = [$"Give 1 to {MaxFingerprint} characters that identify the machine."];
        if (name is not null && name.Length > MaxName) errors["name"] = [$"At most {MaxName} characters."];
        return errors;
    }
}
