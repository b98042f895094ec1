using Vozex.Web.Modules.Tenancy.Contracts;

namespace Vozex.Web.Modules.Subscriptions.Tenants;

/// <summary>Billing's tenant operations on Tenancy's lifecycle contract (the system acts: no administrator, audited as "system").</summary>
internal sealed class TenancyBridge(ITenantLifecycle lifecycle) : ISubscriptionTenants
{
    public async Task<IReadOnlyList<SubscribedTenant>> ForOrderItemsAsync(IReadOnlyCollection<long> orderItemIds, CancellationToken cancellationToken) =>
        (await lifecycle.FindByOrderItemsAsync(orderItemIds, cancellationToken)).Select(t => new SubscribedTenant(t.Id, t.OrderItemId, t.Domain)).ToList();

    public async Task SuspendAsync(Guid tenantId, string reason, CancellationToken cancellationToken) =>
        Expect(await lifecycle.SuspendAsync(tenantId, reason, null, cancellationToken), allowNotAllowed: true);

    public async Task ResumeAsync(Guid tenantId, CancellationToken cancellationToken) =>
        Expect(await lifecycle.ResumeAsync(tenantId, null, cancellationToken), allowNotAllowed: true);

    public async Task CancelAsync(Guid tenantId, string reason, CancellationToken cancellationToken) =>
        Expect(await lifecycle.CancelAsync(tenantId, reason, null, cancellationToken), allowNotAllowed: false);

    public async Task<bool> IsCancelledAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await lifecycle.FindAsync(tenantId, cancellationToken) is not { } tenant || tenant.Status is "cancelled" or "deleted";

    public async Task<bool> IsDeletedAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await lifecycle.FindAsync(tenantId, cancellationToken) is not { } tenant || tenant.Status == "deleted";

    public async Task ApplyPlanAsync(Guid tenantId, string plan, IReadOnlyList<string> features, CancellationToken cancellationToken) =>
        Expect(await lifecycle.ChangePlanAsync(tenantId, new TenantPlanChange(plan, features), null, cancellationToken), allowNotAllowed: false);

    /// <summary>
    /// A tenant an administrator suspended or cancelled by hand keeps that state (NotAllowed is accepted where billing only
    /// follows); a missing tenant or an invalid plan is a fault the caller's unit of work must not commit past.
    /// </summary>
    private static void Expect(TenantLifecycleResult result, bool allowNotAllowed)
    {
        switch (result.Outcome)
        {
            case TenantLifecycleOutcome.Changed or TenantLifecycleOutcome.Unchanged:
                return;
            case TenantLifecycleOutcome.NotAllowed when allowNotAllowed:
                return;
            case TenantLifecycleOutcome.NotAllowed or TenantLifecycleOutcome.NotFound or TenantLifecycleOutcome.Invalid:
                throw new InvalidOperationException($"Tenant {result.TenantId}: {result.Outcome} ({result.Detail ?? result.Status})");
        }
    }
}
