using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Checkout.Orders;

internal sealed class OrderOverviewQuery(MarketplaceDbContext db) : IOrderOverview
{
    public async Task<OrderOverview> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var mine = db.Set<Order>().AsNoTracking().IgnoreAutoIncludes().Where(o => o.CustomerId == customerId);
        var count = await mine.CountAsync(cancellationToken);
        var awaiting = await mine.CountAsync(o => o.Status == OrderStatus.PendingPayment || o.Status == OrderStatus.PaymentFailed, cancellationToken);
        return new OrderOverview(count, awaiting);
    }

    public async Task<OrderProgress?> ProgressAsync(Guid customerId, Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId && o.CustomerId == customerId, cancellationToken);
        if (order is null) return null;
        return new OrderProgress(order.Id, order.Number, order.Status.WireName(), order.FailureReason,
            OrderStateMachine.AwaitsPayment(order.Status) ? order.CheckoutUrl : null, order.CreatedAt, order.PaidAt,
            order.Items.OrderBy(i => i.Position)
                .Select(i => new OrderProgressItem(i.Id, i.Position, i.ProductName, i.DeliveryModel, i.Subdomain, i.RefundedAt is not null)).ToList());
    }
}
