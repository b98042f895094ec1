using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Disputes;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Modules.Payments.Refunds;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Payments.Events;

/// <summary>
/// The one place where what a gateway says becomes a change here: webhook handlers, PayPal's capture on return
/// and reconciliation all come through it, so each fact has one effect however often and by whichever path it
/// arrives. Nothing is saved here: the caller's unit of work commits the record and the order change together.
/// </summary>
internal sealed class PaymentApplier(MarketplaceDbContext db, IOrderPaymentSink orders, TimeProvider time)
{
    public async Task<string> ConfirmAsync(string gateway, string paymentId, Guid orderId, Money amount, CancellationToken cancellationToken)
    {
        if (await db.Set<PaymentRecord>().AnyAsync(p => p.Gateway == gateway && p.GatewayPaymentId == paymentId, cancellationToken)
            || db.Set<PaymentRecord>().Local.Any(p => p.Gateway == gateway && p.GatewayPaymentId == paymentId))
            return "payment already recorded";

        var application = await orders.ApplyPaymentAsync(new PaymentConfirmed(gateway, paymentId, orderId, amount, time.GetUtcNow()), cancellationToken);
        var name = application.WireName();
        db.Set<PaymentRecord>().Add(new PaymentRecord
        {
            Gateway = gateway,
            GatewayPaymentId = paymentId,
            OrderId = orderId,
            Amount = amount.Amount,
            Currency = amount.Currency,
            Status = "succeeded",
            Application = name,
            CreatedAt = time.GetUtcNow(),
        });
        return $"payment {name}";
    }

    public async Task<string> DeclineAsync(string gateway, string? paymentId, Guid orderId, string? reason, CancellationToken cancellationToken)
    {
        await orders.ApplyDeclineAsync(new PaymentDeclined(gateway, paymentId, orderId, reason, time.GetUtcNow()), cancellationToken);
        return "decline applied";
    }

    /// <summary>
    /// A refund the gateway confirmed. Ours (found by our refund id or the gateway's) is completed with its items;
    /// one made on the gateway's dashboard is recorded as it comes. A refund of a payment not recorded yet (the
    /// refund webhook overtook the payment's) throws, so the inbox retries it after the payment has landed.
    /// </summary>
    public async Task<string> RefundSucceededAsync(
        string gateway, string gatewayRefundId, string? gatewayPaymentId, Guid? refundId, Money amount, string? reason, CancellationToken cancellationToken)
    {
        var refund = refundId is { } id
            ? await db.Set<RefundRecord>().Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == id && r.Gateway == gateway, cancellationToken)
            : null;
        refund ??= await db.Set<RefundRecord>().Include(r => r.Items)
            .FirstOrDefaultAsync(r => r.Gateway == gateway && r.GatewayRefundId == gatewayRefundId, cancellationToken);
        if (refund is { Status: RefundStatus.Succeeded }) return "refund already applied";
        // A confirmation that names no refund of ours (a PayPal sale refund carries no custom_id) while one of ours on the
        // same payment is still waiting for the gateway's answer: most likely that one, confirmed before its id was saved.
        // Taken for a dashboard refund it would be counted twice, so it waits for the answer to be recorded.
        if (refund is null && refundId is null && gatewayPaymentId is not null
            && await db.Set<RefundRecord>().AnyAsync(r => r.Gateway == gateway && r.GatewayPaymentId == gatewayPaymentId && r.GatewayRefundId == null
                && (r.Status == RefundStatus.Requested || r.Status == RefundStatus.Pending), cancellationToken))
            throw new RefundNotYetRecordedException(gateway, gatewayRefundId);

        var paymentRef = refund?.GatewayPaymentId ?? gatewayPaymentId
            ?? throw new InvalidOperationException("The refund names no payment and is not one of ours.");
        var payment = await db.Set<PaymentRecord>().FirstOrDefaultAsync(p => p.Gateway == gateway && p.GatewayPaymentId == paymentRef, cancellationToken)
            ?? throw new PaymentNotYetRecordedException(gateway, paymentRef);

        var now = time.GetUtcNow();
        if (refund is null)
        {
            // Made outside VOZEX (the gateway's dashboard): its money is reserved as it is already gone.
            refund = new RefundRecord
            {
                OrderId = payment.OrderId,
                Gateway = gateway,
                GatewayPaymentId = paymentRef,
                GatewayRefundId = gatewayRefundId,
                Amount = amount.Amount,
                Currency = amount.Currency,
                Reason = reason ?? "refunded at the gateway",
                RequestedBy = "gateway",
                Status = RefundStatus.Pending,
                CreatedAt = now,
            };
            db.Set<RefundRecord>().Add(refund);
            payment.RefundReserved = Math.Min(payment.Amount, payment.RefundReserved + amount.Amount);
        }
        refund.GatewayRefundId = gatewayRefundId;
        refund.Status = RefundStatus.Succeeded;
        refund.CompletedAt = now;
        refund.LastError = null;
        refund.Version = Guid.NewGuid();

        var applied = await orders.ApplyRefundAsync(new RefundConfirmed(gateway, gatewayRefundId, payment.OrderId, new Money(refund.Amount, refund.Currency),
            refund.Items.Select(i => i.OrderItemId).ToList(), refund.Reason, now), cancellationToken);
        return $"refund {applied.WireName()}";
    }

    /// <summary>A refund the gateway reports as failed: its money and items are free to be refunded again.</summary>
    public async Task<string> RefundFailedAsync(string gateway, string gatewayRefundId, Guid? refundId, string? error, CancellationToken cancellationToken)
    {
        var refund = await db.Set<RefundRecord>().Include(r => r.Items)
            .FirstOrDefaultAsync(r => r.Gateway == gateway && (r.GatewayRefundId == gatewayRefundId || (refundId != null && r.Id == refundId)), cancellationToken);
        if (refund is null) return "refund unknown";
        if (refund.Status is RefundStatus.Succeeded or RefundStatus.Failed) return "refund already settled";
        await ReleaseAsync(refund, error ?? "the gateway reported the refund failed", cancellationToken);
        return "refund failed";
    }

    /// <summary>Marks a refund failed and returns its reserved money and items.</summary>
    public async Task ReleaseAsync(RefundRecord refund, string error, CancellationToken cancellationToken)
    {
        refund.Status = RefundStatus.Failed;
        refund.LastError = error.Length > 500 ? error[..500] : error;
        refund.CompletedAt = time.GetUtcNow();
        refund.Version = Guid.NewGuid();
        db.Set<RefundItem>().RemoveRange(refund.Items);
        var payment = await db.Set<PaymentRecord>().FirstAsync(p => p.Gateway == refund.Gateway && p.GatewayPaymentId == refund.GatewayPaymentId, cancellationToken);
        payment.RefundReserved = Math.Max(0, payment.RefundReserved - refund.Amount);
    }

    public async Task<string> DisputeOpenedAsync(string gateway, string disputeId, string? paymentId, string? amount, string? currency, string? status, string? reason, CancellationToken cancellationToken)
    {
        if (await db.Set<DisputeRecord>().AnyAsync(d => d.Gateway == gateway && d.GatewayDisputeId == disputeId, cancellationToken))
            return "dispute already recorded";
        var orderId = paymentId is null ? null : await db.Set<PaymentRecord>().AsNoTracking()
            .Where(p => p.Gateway == gateway && p.GatewayPaymentId == paymentId).Select(p => (Guid?)p.OrderId).FirstOrDefaultAsync(cancellationToken);
        db.Set<DisputeRecord>().Add(new DisputeRecord
        {
            Gateway = gateway,
            GatewayDisputeId = disputeId,
            GatewayPaymentId = paymentId,
            OrderId = orderId,
            Amount = amount,
            Currency = currency,
            Status = status ?? "opened",
            Reason = reason,
            OpenedAt = time.GetUtcNow(),
        });
        return orderId is null ? "dispute recorded (payment unknown)" : "dispute recorded";
    }
}

/// <summary>A refund confirmation arrived before the answer that names it was saved; the inbox retries it later.</summary>
internal sealed class RefundNotYetRecordedException(string gateway, string refundId)
    : Exception($"{gateway} refund {refundId} may be one still waiting for its answer to be recorded; the event is retried.");

/// <summary>A refund or dispute arrived before the payment it belongs to; the inbox retries it later.</summary>
internal sealed class PaymentNotYetRecordedException(string gateway, string paymentId)
    : Exception($"No {gateway} payment {paymentId} is recorded yet; the event is retried once it is.");
