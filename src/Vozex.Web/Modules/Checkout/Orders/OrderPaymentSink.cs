using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Analytics.Contracts;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Checkout.Orders;

/// <summary>Orders' side of a payment: called by Payments (inbox processor, PayPal return, reconciliation) within its unit of work.</summary>
internal sealed class OrderPaymentSink(MarketplaceDbContext db, IFulfillmentScheduler fulfillment, OrderMails mails, IEnumerable<IRefundObserver> observers, IAnalytics analytics) : IOrderPaymentSink
{
    public async Task<PaymentApplication> ApplyPaymentAsync(PaymentConfirmed payment, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == payment.OrderId, cancellationToken);
        if (order is null) return PaymentApplication.UnknownOrder;
        var applied = order.ApplyPayment(payment);
        if (applied != PaymentApplication.Applied) return applied;
        // One record per item, committed with the payment: a paid order can never lack its fulfilment.
        foreach (var item in order.Items.OrderBy(i => i.Position))
            await fulfillment.ScheduleAsync(new FulfillmentRequest(order.Id, order.Number, item.Id, order.CustomerId, order.CustomerEmail,
                item.DeliveryModel, item.ProductType, item.ProductSlug, item.ProductName, item.Configuration, payment.At, item.Terms), cancellationToken);
        await mails.ConfirmationAsync(order, cancellationToken);
        RecordPaid(order, payment);
        return applied;
    }

    public async Task ApplyDeclineAsync(PaymentDeclined decline, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == decline.OrderId, cancellationToken);
        if (order?.ApplyDecline(decline) != true) return;
        await mails.PaymentFailedAsync(order, cancellationToken);
        analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.PaymentFailed, decline.At, OrderId: order.Id, Gateway: decline.Gateway));
    }

    /// <summary>Written with the payment, so the paid count and revenue are exact: one order event and one per item (by product type).</summary>
    private void RecordPaid(Order order, PaymentConfirmed payment)
    {
        analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.OrderPaid, payment.At, OrderId: order.Id, Gateway: payment.Gateway,
            Amount: order.Total, Currency: order.Currency));
        foreach (var item in order.Items.OrderBy(i => i.Position))
            analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.ItemPaid, payment.At, ProductSlug: item.ProductSlug, ProductType: item.ProductType,
                OrderId: order.Id, Gateway: payment.Gateway, Amount: item.Total, Currency: order.Currency));
    }

    public async Task<RefundApplication> ApplyRefundAsync(RefundConfirmed refund, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == refund.OrderId, cancellationToken);
        if (order is null) return RefundApplication.UnknownOrder;
        var (application, items) = order.ApplyRefund(refund);
        if (application != RefundApplication.Applied) return application;
        var published = new OrderItemsRefunded(order.Id, order.Number, order.CustomerId,
            items.Select(i => new RefundedOrderItem(i.Id, i.ProductId, i.ProductType, i.DeliveryModel)).ToList(),
            new Money(refund.Amount.Amount, order.Currency), order.Status == OrderStatus.Refunded, refund.At);
        foreach (var observer in observers)
            await observer.OnItemsRefundedAsync(published, cancellationToken);
        return application;
    }

    public async Task<IReadOnlyList<AwaitingPayment>> AwaitingPaymentAsync(DateTimeOffset placedBefore, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Order>().AsNoTracking().IgnoreAutoIncludes()
            .Where(o => o.Status == OrderStatus.PendingPayment && o.CreatedAt < placedBefore && o.GatewaySessionId != null)
            .OrderBy(o => o.CreatedAt).Take(limit)
            .Select(o => new { o.Id, o.Gateway, o.GatewaySessionId, o.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AwaitingPayment(r.Id, r.Gateway, r.GatewaySessionId, r.CreatedAt)).ToList();
    }

    public async Task<AwaitingPayment?> FindSessionAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var row = await db.Set<Order>().AsNoTracking().IgnoreAutoIncludes()
            .Where(o => o.Id == orderId)
            .Select(o => new { o.Id, o.Gateway, o.GatewaySessionId, o.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new AwaitingPayment(row.Id, row.Gateway, row.GatewaySessionId, row.CreatedAt);
    }
}
