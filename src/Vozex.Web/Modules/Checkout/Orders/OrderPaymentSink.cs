using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Checkout.Orders;

/// <summary>Orders' side of a payment: called by the Payments inbox processor within its unit of work.</summary>
internal sealed class OrderPaymentSink(MarketplaceDbContext db) : IOrderPaymentSink
{
    public async Task<PaymentApplication> ApplyPaymentAsync(PaymentConfirmed payment, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == payment.OrderId, cancellationToken);
        return order?.ApplyPayment(payment) ?? PaymentApplication.UnknownOrder;
    }

    public async Task ApplyDeclineAsync(PaymentDeclined decline, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == decline.OrderId, cancellationToken);
        order?.ApplyDecline(decline);
    }
}
