namespace Vozex.Web.Modules.Subscriptions.Tenants;

/// <summary>A provisioned tenant as billing sees it.</summary>
internal sealed record SubscribedTenant(Guid Id, long OrderItemId, string Domain);

/// <summary>
/// What billing needs from tenancy, in billing's words. Every change joins the caller's unit of work, so a subscription and
/// its tenant never disagree. <see cref="TenancyBridge"/> maps it onto Tenancy's <c>ITenantLifecycle</c>.
/// </summary>
internal interface ISubscriptionTenants
{
    Task<IReadOnlyList<SubscribedTenant>> ForOrderItemsAsync(IReadOnlyCollection<long> orderItemIds, CancellationToken cancellationToken);

    /// <summary>Non-payment: the tenant site stops serving until resumed.</summary>
    Task SuspendAsync(Guid tenantId, string reason, CancellationToken cancellationToken);

    /// <summary>Paid again: a tenant suspended for non-payment serves again.</summary>
    Task ResumeAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>Cancelled: the site stops at once and tenancy deletes the database after its grace period.</summary>
    Task CancelAsync(Guid tenantId, string reason, CancellationToken cancellationToken);

    /// <summary>True when the tenant was cancelled (or deleted, or is unknown) outside billing, by an administrator or a refund.</summary>
    Task<bool> IsCancelledAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>True once the cancelled tenant's database is gone (or the tenant is unknown); false to ask again later.</summary>
    Task<bool> IsDeletedAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>The plan's limits and the add-on features take effect in the tenant (its record now, its database right after the commit).</summary>
    Task ApplyPlanAsync(Guid tenantId, string plan, IReadOnlyList<string> features, CancellationToken cancellationToken);
}
