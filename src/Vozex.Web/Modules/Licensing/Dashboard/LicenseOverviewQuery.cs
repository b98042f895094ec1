using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Licensing.Contracts;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Dashboard;

internal sealed class LicenseOverviewQuery(MarketplaceDbContext db, TimeProvider time) : ILicenseOverview
{
    public async Task<LicenseOverview> ForCustomerAsync(Guid customerId, DateTimeOffset expiringBefore, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = db.Set<License>().AsNoTracking().Where(l => l.CustomerId == customerId);
        var count = await mine.CountAsync(cancellationToken);
        var expiring = await mine
            .Where(l => l.Status == LicenseStatus.Active && l.UpdatesUntil != null && l.UpdatesUntil > now && l.UpdatesUntil <= expiringBefore)
            .Select(l => new { l.Id, l.ProductName, l.LicenseTypeName, l.UpdatesUntil })
            .ToListAsync(cancellationToken);
        return new LicenseOverview(count, expiring.OrderBy(l => l.UpdatesUntil)
            .Select(l => new ExpiringLicenseUpdates(l.Id, l.ProductName, l.LicenseTypeName, l.UpdatesUntil!.Value)).ToList());
    }
}
