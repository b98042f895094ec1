using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Fulfillment.Records;

internal sealed class FulfillmentFigures(MarketplaceDbContext db) : IFulfillmentFigures
{
    public async Task<FulfillmentCounts> CountsAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Set<FulfillmentRecord>().AsNoTracking()
            .Where(r => r.Status == FulfillmentStatus.Pending || r.Status == FulfillmentStatus.Processing
                || r.Status == FulfillmentStatus.Retrying || r.Status == FulfillmentStatus.Failed)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new FulfillmentCounts(counts.Where(c => c.Key != FulfillmentStatus.Failed).Sum(c => c.Count),
            counts.Where(c => c.Key == FulfillmentStatus.Failed).Sum(c => c.Count));
    }

    public async Task<IReadOnlyList<FailedFulfillment>> RecentFailuresAsync(int limit, CancellationToken cancellationToken) =>
        await db.Set<FulfillmentRecord>().AsNoTracking()
            .Where(r => r.Status == FulfillmentStatus.Failed)
            .OrderByDescending(r => r.Id).Take(limit)
            .Select(r => new FailedFulfillment(r.Id, r.OrderId, r.OrderNumber, r.Driver, r.ProductName, r.Attempts, r.LastError, r.UpdatedAt))
            .ToListAsync(cancellationToken);
}
