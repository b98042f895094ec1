using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Tenancy.Contracts;

/// <summary>A tenant's billing as the dashboard shows it beside the tenant.</summary>
public sealed record TenantBilling(string Status, string BillingCycle, DateTimeOffset CurrentPeriodEnd, Money NextRenewalAmount, bool CancelAtPeriodEnd);

/// <summary>Implemented by the module that bills tenants (Subscriptions); tenancy lists tenants and asks it for their billing.</summary>
public interface ITenantBillingSource
{
    Task<IReadOnlyDictionary<Guid, TenantBilling>> ForTenantsAsync(IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken);
}
