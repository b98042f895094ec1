using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Subscriptions.Api;

/// <summary>The <c>subscription</c> object of <c>GET /me/tenants</c>, answered from the subscriptions.</summary>
internal sealed class TenantBillingSource(MarketplaceDbContext db) : ITenantBillingSource
{
    public async Task<IReadOnlyDictionary<Guid, TenantBilling>> ForTenantsAsync(IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Subscription>().AsNoTracking().Where(s => tenantIds.Contains(s.TenantId)).ToListAsync(cancellationToken);
        return rows.ToDictionary(s => s.TenantId, s => new TenantBilling(s.Status.WireName(), s.BillingCycle, s.CurrentPeriodEnd,
            new Money(s.NextRenewalAmount, s.Currency), s.CancelAtPeriodEnd));
    }
}
