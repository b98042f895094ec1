namespace Vozex.Web.Modules.Tenancy.Domain;

public enum TenantStatus
{
    Active,
    Suspended,
    Cancelled,

    /// <summary>Cancelled and past the grace period: its database is gone; the row stays as the record of it.</summary>
    Deleted,
}

/// <summary>A provisioned SaaS instance (SPEC §7.1). Its data lives in its own database; this row says where.</summary>
internal sealed class Tenant
{
    public Guid Id { get; init; }

    /// <summary>The subdomain; the idempotency key of provisioning and the tenant database's name.</summary>
    public required string Slug { get; init; }
    public required string Domain { get; init; }
    public long FulfillmentId { get; init; }
    public long OrderItemId { get; init; }
    public Guid OrderId { get; init; }
    public Guid CustomerId { get; init; }
    public required string CustomerEmail { get; init; }
    public required string ProductSlug { get; init; }
    public required string ProductName { get; init; }
    public required string ProductType { get; init; }
    public required string Plan { get; set; }
    public required string PlanName { get; set; }
    public required IReadOnlyList<string> Features { get; set; }
    public required IReadOnlyDictionary<string, int> Limits { get; set; }
    public string? BillingCycle { get; init; }
    public string? CustomDomain { get; init; }
    public TenantStatus Status { get; private set; } = TenantStatus.Active;

    /// <summary>The database server key (<c>host:port</c>) on PostgreSQL; null on SQLite.</summary>
    public string? DatabaseServer { get; init; }
    public required string DatabaseName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Why the tenant was last suspended or cancelled (shown to administrators); null while active.</summary>
    public string? StatusReason { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>When the cancelled tenant's database is due for deletion (cancelled + grace period).</summary>
    public DateTimeOffset? DeleteAfter { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>The last tenant migration applied to its database (the schema rollout's progress); null if unknown.</summary>
    public string? SchemaVersion { get; set; }

    /// <summary>Changes the status if the transition is allowed; false (and no change) otherwise.</summary>
    public bool TryChange(TenantStatus to, DateTimeOffset now, string? reason = null, TimeSpan? deletionGrace = null)
    {
        if (!TenantStates.CanTransition(Status, to)) return false;
        Status = to;
        UpdatedAt = now;
        StatusReason = to == TenantStatus.Active ? null : reason ?? StatusReason;
        if (to == TenantStatus.Cancelled)
        {
            CancelledAt = now;
            DeleteAfter = now + (deletionGrace ?? TimeSpan.Zero);
        }
        if (to == TenantStatus.Deleted) DeletedAt = now;
        return true;
    }

    public void ChangePlan(string plan, string planName, IReadOnlyList<string> features, IReadOnlyDictionary<string, int> limits, DateTimeOffset now)
    {
        Plan = plan;
        PlanName = planName;
        Features = features;
        Limits = limits;
        UpdatedAt = now;
    }
}

/// <summary>Every allowed tenant transition, in one place.</summary>
internal static class TenantStates
{
    public static bool CanTransition(TenantStatus from, TenantStatus to) => from switch
    {
        TenantStatus.Active => to is TenantStatus.Suspended or TenantStatus.Cancelled,
        TenantStatus.Suspended => to is TenantStatus.Active or TenantStatus.Cancelled,
        TenantStatus.Cancelled => to is TenantStatus.Deleted,
        TenantStatus.Deleted => false,
    };

    public static string Name(TenantStatus status) => status switch
    {
        TenantStatus.Active => "active",
        TenantStatus.Suspended => "suspended",
        TenantStatus.Cancelled => "cancelled",
        TenantStatus.Deleted => "deleted",
    };
}

/// <summary>
/// The temporary admin credentials, readable by the customer until they expire or the password is first changed.
/// The password is encrypted with Data Protection (keys in the marketplace database), never stored in clear.
/// </summary>
internal sealed class TenantCredential
{
    public Guid TenantId { get; init; }
    public required string Username { get; init; }
    public required string ProtectedPassword { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>An "Open admin" sign-in link: only the SHA-256 of its random token is stored; used at most once.</summary>
internal sealed class TenantSsoTicket
{
    public required string TokenHash { get; init; }
    public Guid TenantId { get; init; }
    public Guid CustomerId { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
}
