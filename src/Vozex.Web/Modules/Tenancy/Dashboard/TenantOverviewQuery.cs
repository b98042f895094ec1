using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Tenancy.Dashboard;

internal sealed class TenantOverviewQuery(MarketplaceDbContext db, TimeProvider time) : ITenantOverview
{
    public async Task<TenantOverview> ForCustomerAsync(Guid customerId, DateTimeOffset expiringBefore, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = db.Set<Tenant>().AsNoTracking().Where(t => t.CustomerId == customerId);
        var count = await mine.CountAsync(cancellationToken);
        var expiring = await mine
            .Join(db.Set<TenantCredential>().AsNoTracking(), t => t.Id, c => c.TenantId, (t, c) => new { t.Id, t.ProductName, t.Domain, t.Status, c.ExpiresAt })
            .Where(x => x.Status == TenantStatus.Active && x.ExpiresAt > now && x.ExpiresAt <= expiringBefore)
            .ToListAsync(cancellationToken);
        return new TenantOverview(count, expiring.OrderBy(x => x.ExpiresAt)
            .Select(x => new ExpiringTenantCredentials(x.Id, x.ProductName, x.Domain, x.ExpiresAt)).ToList());
    }
}
