using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Checkout.Orders;

/// <summary>Orders' side of a payment: called by the Payments inbox processor within its unit of work.</summary>
internal sealed class OrderPaymentSink(MarketplaceDbContext db, IFulfillmentScheduler fulfillment, OrderMails mails) : IOrderPaymentSink
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
                item.DeliveryModel, item.ProductType, item.ProductSlug, item.ProductName, item.Configuration, payment.At), cancellationToken);
        await mails.ConfirmationAsync(order, cancellationToken);
        return applied;
    }

    public async Task ApplyDeclineAsync(PaymentDeclined decline, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == decline.OrderId, cancellationToken);
        if (order?.ApplyDecline(decline) == true) await mails.PaymentFailedAsync(order, cancellationToken);
    }
}
