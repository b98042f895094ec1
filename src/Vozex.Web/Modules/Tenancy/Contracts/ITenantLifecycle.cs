using System.Security.Claims;

namespace Vozex.Web.Modules.Tenancy.Contracts;

/// <summary>What a lifecycle call did to one tenant.</summary>
public enum TenantLifecycleOutcome
{
    /// <summary>The tenant changed; the change is tracked in the caller's unit of work.</summary>
    Changed,

    /// <summary>The tenant already was in the requested state (a repeated call changes nothing).</summary>
    Unchanged,

    /// <summary>No tenant has this id.</summary>
    NotFound,

    /// <summary>The tenant's status does not allow it (e.g. resuming a cancelled tenant); nothing changed.</summary>
    NotAllowed,

    /// <summary>The request is not valid (e.g. a plan the product does not offer); <see cref="TenantLifecycleResult.Detail"/> says why.</summary>
    Invalid,
}

/// <summary>The result of one lifecycle call. <see cref="Status"/> is the tenant's wire status afterwards (null when not found).</summary>
public sealed record TenantLifecycleResult(Guid TenantId, TenantLifecycleOutcome Outcome, string? Status, string? Detail = null);

/// <summary>
/// A plan change: the plan id (one the tenant's product offers), the enabled add-on features (only those the product offers
/// are kept) and the limits (null: the plan's own limits from the catalogue).
/// </summary>
public sealed record TenantPlanChange(string Plan, IReadOnlyList<string> Features, IReadOnlyDictionary<string, int>? Limits = null);

/// <summary>A tenant as other modules see it.</summary>
public sealed record TenantSummary(
    Guid Id, string Slug, string Domain, Guid CustomerId, long OrderItemId, string ProductSlug, string ProductType, string Plan,
    IReadOnlyList<string> Features, IReadOnlyDictionary<string, int> Limits, string Status, DateTimeOffset? DeleteAfter);

/// <summary>
/// The SaaS tenant lifecycle (SPEC §7.1) for other modules (refunds, subscriptions) and the admin endpoints.
/// Every call only adds tracked changes and an audit entry (<c>IAuditLog</c>) to the caller's marketplace unit of work:
/// nothing is saved until the caller's <c>SaveChangesAsync</c>, so the change commits with the caller's own or not at
/// all. Work outside the marketplace database (writing the tenant database's settings, dropping it after the grace
/// period) is queued as durable tasks in the same unit of work and done after the commit by a leased runner.
/// Calls are idempotent: repeating one (a retried unit of work) reports <see cref="TenantLifecycleOutcome.Unchanged"/>.
/// <paramref name="actor"/> parameters: the signed-in administrator, or null for the system (audited as "system").
/// </summary>
public interface ITenantLifecycle
{
    /// <summary>The tenant, or null.</summary>
    Task<TenantSummary?> FindAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>The tenants provisioned for these order items (at most one per item).</summary>
    Task<IReadOnlyList<TenantSummary>> FindByOrderItemsAsync(IReadOnlyCollection<long> orderItemIds, CancellationToken cancellationToken);

    /// <summary>Active → suspended: its site answers 403 until resumed. The reason is kept on the tenant and audited.</summary>
    Task<TenantLifecycleResult> SuspendAsync(Guid tenantId, string reason, ClaimsPrincipal? actor, CancellationToken cancellationToken);

    /// <summary>Suspended → active.</summary>
    Task<TenantLifecycleResult> ResumeAsync(Guid tenantId, ClaimsPrincipal? actor, CancellationToken cancellationToken);

    /// <summary>
    /// Active or suspended → cancelled: the site stops answering at once and the tenant database is deleted after the grace
    /// period (<c>Vozex:Tenancy:DeletionGracePeriod</c>, default 30 days), when the tenant becomes <c>deleted</c>. Final.
    /// </summary>
    Task<TenantLifecycleResult> CancelAsync(Guid tenantId, string reason, ClaimsPrincipal? actor, CancellationToken cancellationToken);

    /// <summary>
    /// Sets plan, features and limits on the tenant record and queues writing them to the tenant database's settings.
    /// Allowed for active and suspended tenants.
    /// </summary>
    Task<TenantLifecycleResult> ChangePlanAsync(Guid tenantId, TenantPlanChange change, ClaimsPrincipal? actor, CancellationToken cancellationToken);
}
