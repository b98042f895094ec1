namespace Vozex.Web.Modules.Subscriptions.Tenants;

/// <summary>A provisioned tenant as billing sees it.</summary>
internal sealed record SubscribedTenant(Guid Id, long OrderItemId, string Domain);

/// <summary>
/// What billing needs from tenancy. Changes join the caller's unit of work where they are marketplace rows, so a
/// subscription and its tenant never disagree; effects in a tenant's own database are idempotent.
/// </summary>
internal interface ISubscriptionTenants
{
    Task<IReadOnlyList<SubscribedTenant>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken);

    /// <summary>Non-payment: the tenant site stops serving until resumed.</summary>
    Task SuspendAsync(Guid tenantId, string reason, CancellationToken cancellationToken);

    /// <summary>Paid again: a tenant suspended for non-payment serves again.</summary>
    Task ResumeAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>Cancelled: suspended at once, its database deleted once <paramref name="deleteAfter"/> has passed.</summary>
    Task CancelAsync(Guid tenantId, DateTimeOffset deleteAfter, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a cancelled tenant's database once its grace period is over. True when it is gone (or tenancy deletes it on
    /// its own schedule), false to ask again later.
    /// </summary>
    Task<bool> DeleteIfDueAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>The plan's limits and the add-on features take effect in the tenant (marketplace record and tenant database).</summary>
    Task ApplyPlanAsync(Guid tenantId, string plan, IReadOnlyList<string> features, string billingCycle, CancellationToken cancellationToken);

    /// <summary>Call after saving outside a leased-work handler: tenant sites forget their cached view of tenants changed here.</summary>
    void TenantSitesChanged();
}
