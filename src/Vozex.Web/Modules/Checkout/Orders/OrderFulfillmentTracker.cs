using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Checkout.Orders;

/// <summary>Keeps an order's status in step with its items, inside the transaction that records an item's outcome.</summary>
internal sealed class OrderFulfillmentTracker(MarketplaceDbContext db, IFulfillmentStatusReader fulfillment, TimeProvider time) : IFulfillmentProgressSink
{
    public async Task ItemsChangedAsync(Guid orderId, CancellationToken cancellationToken)
    {
        // Two items of one order finishing at once must not both compute "partially fulfilled" from a view that
        // lacks the other's outcome: the order row lock orders them, and the second reads the first's committed state.
        await db.LockRowAsync<Order>(orderId, cancellationToken);
        var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null) return;
        var states = (await fulfillment.ForOrderAsync(orderId, cancellationToken)).Select(f => f.Status).ToList();
        if (order.FollowFulfillment(states, time.GetUtcNow()))
            await db.SaveChangesAsync(cancellationToken);
    }
}
