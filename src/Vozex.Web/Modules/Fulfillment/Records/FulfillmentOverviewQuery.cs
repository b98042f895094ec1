using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Fulfillment.Records;

internal sealed class FulfillmentOverviewQuery(MarketplaceDbContext db) : IFulfillmentOverview
{
    /// <summary>A customer with more unfinished items than this sees the oldest ones; the rest show on their orders.</summary>
    private const int Limit = 50;

    public async Task<CustomerFulfillments> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<FulfillmentRecord>().AsNoTracking()
            .Where(r => r.CustomerId == customerId
                && (r.Status == FulfillmentStatus.Pending || r.Status == FulfillmentStatus.Processing
                    || r.Status == FulfillmentStatus.Retrying || r.Status == FulfillmentStatus.Failed))
            .OrderBy(r => r.Id)
            .Take(Limit * 2)
            .Select(r => new CustomerItemFulfillment(r.Id, r.OrderId, r.OrderNumber, r.OrderItemId, r.ProductName, r.Driver, r.Status,
                r.Attempts, r.PaidAt, r.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new CustomerFulfillments(
            rows.Where(r => r.Status != FulfillmentStatus.Failed).Take(Limit).ToList(),
            rows.Where(r => r.Status == FulfillmentStatus.Failed).Take(Limit).ToList());
    }
}
