namespace Vozex.Web.Modules.Licensing.Domain;

/// <summary>
/// A self-hosted license issued for one paid order item. The key itself is never stored in clear: <see cref="KeyHash"/>
/// finds the license when software presents its key, <see cref="KeyProtected"/> (Data Protection) shows it to its owner.
/// </summary>
internal sealed class License
{
    public Guid Id { get; init; }
    public long FulfillmentId { get; init; }
    public Guid OrderId { get; init; }
    public string OrderNumber { get; init; } = "";
    public long OrderItemId { get; init; }
    public Guid CustomerId { get; init; }
    public string CustomerEmail { get; init; } = "";
    public long ProductId { get; init; }
    public string ProductSlug { get; init; } = "";
    public string ProductName { get; init; } = "";
    public string ProductType { get; init; } = "";
    public string LicenseType { get; init; } = "";
    public string LicenseTypeName { get; init; } = "";
    public string SupportPlan { get; init; } = "";
    public DateTimeOffset SupportUntil { get; init; }
    public string Updates { get; init; } = "";
    public DateTimeOffset? UpdatesUntil { get; set; }
    public List<string> Features { get; init; } = [];
    public int MaxActivations { get; init; }

    /// <summary>Seats in use, kept in step with the activation rows by the one conditional UPDATE that takes a seat.</summary>
    public int ActivationCount { get; set; }

    public LicenseStatus Status { get; private set; } = LicenseStatus.Active;
    public string KeyHash { get; init; } = "";
    public string KeyProtected { get; init; } = "";

    /// <summary>The last group of the key, so an administrator and a customer can tell keys apart without the secret.</summary>
    public string KeyHint { get; init; } = "";

    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>Null for a perpetual license; validation answers EXPIRED from this instant.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; private set; }
    public string? StatusReason { get; private set; }

    /// <summary>
    /// Start of the current window of seat changes (activations plus deactivations) and how many it has seen: kept on the
    /// row, so every node counts against the same limit (<see cref="Activate.SeatChurn"/>).
    /// </summary>
    public DateTimeOffset? ChurnWindowStartedAt { get; private set; }

    public int ChurnCount { get; private set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool MoveTo(LicenseStatus next, DateTimeOffset now, string? reason)
    {
        if (!LicenseStates.CanTransition(Status, next)) return false;
        Status = next;
        StatusReason = reason;
        UpdatedAt = now;
        if (next == LicenseStatus.Revoked) RevokedAt = now;
        return true;
    }

    /// <summary>Extends covered updates; a lifetime license has nothing to extend.</summary>
    public bool ExtendUpdates(DateTimeOffset until, DateTimeOffset now)
    {
        if (UpdatesUntil is not { } current || until <= current || Status == LicenseStatus.Revoked) return false;
        UpdatesUntil = until;
        UpdatedAt = now;
        return true;
    }

    /// <summary>The validation answer for this license at <paramref name="now"/>, before any machine is considered.</summary>
    public static string StatusCode(LicenseStatus status, DateTimeOffset? expiresAt, DateTimeOffset now) => status switch
    {
        LicenseStatus.Revoked => ValidationCodes.Revoked,
        LicenseStatus.Suspended => ValidationCodes.Suspended,
        LicenseStatus.Expired => ValidationCodes.Expired,
        LicenseStatus.Active => expiresAt is { } e && e <= now ? ValidationCodes.Expired : ValidationCodes.Valid,
    };
}

/// <summary>A machine holding one seat of a license.</summary>
internal sealed class Activation
{
    public Guid Id { get; init; }
    public Guid LicenseId { get; init; }
    public string Fingerprint { get; init; } = "";
    public string? Name { get; init; }
    public DateTimeOffset ActivatedAt { get; init; }
}

/// <summary>
/// A capped, expiring link to one release file. Only the token's hash is stored; <see cref="Downloads"/> is
/// counted by one conditional UPDATE, so concurrent requests can never pass <see cref="MaxDownloads"/>.
/// </summary>
internal sealed class DownloadLink
{
    public long Id { get; private set; }
    public Guid LicenseId { get; init; }
    public string TokenHash { get; init; } = "";
    public string ReleaseVersion { get; init; } = "";
    public string FileName { get; init; } = "";
    public string StoragePath { get; init; } = "";
    public long Size { get; init; }
    public string Sha256 { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public int MaxDownloads { get; init; }
    public int Downloads { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>The marketplace's Ed25519 key pair, made once; the private half is kept encrypted with Data Protection.</summary>
internal sealed class SigningKey
{
    /// <summary>Always <see cref="CurrentId"/>: the primary key is what stops two nodes from each making a pair.</summary>
    public int Id { get; init; }
    public string KeyId { get; init; } = "";
    public string PublicKey { get; init; } = "";
    public string PrivateKeyProtected { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }

    public const int CurrentId = 1;
}
