using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Events;
using Vozex.Web.Modules.Payments.Gateways;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Payments.Refunds;

/// <summary>
/// Refunds in two steps. First, in one transaction: the money is reserved on the payment by a guarded UPDATE (never
/// beyond what was paid, whatever runs concurrently) and the refund is recorded with its items (unique per item).
/// Then the gateway is asked. A clear refusal releases the reservation; no answer leaves the refund "requested" for
/// reconciliation, which resubmits it through the gateway's look-up-first refund, so it is never made twice.
/// </summary>
internal sealed partial class RefundService(
    MarketplaceDbContext db, PaymentGateways gateways, PaymentApplier applier, TimeProvider time, ILogger<RefundService> logger) : IPaymentRefunds
{
    public async Task<IReadOnlySet<long>> ItemsInRefundsAsync(Guid orderId, CancellationToken cancellationToken) =>
        (await db.Set<RefundItem>().AsNoTracking()
            .Where(i => db.Set<RefundRecord>().Any(r => r.Id == i.RefundId && r.OrderId == orderId))
            .Select(i => i.OrderItemId).ToListAsync(cancellationToken)).ToHashSet();

    public async Task<RefundOutcome> RefundAsync(OrderRefundCommand command, CancellationToken cancellationToken)
    {
        if (command.Amount.Amount <= 0) return new RefundOutcome.Refused("Nothing is left to refund.");
        var payment = await db.Set<PaymentRecord>().AsNoTracking()
            .Where(p => p.OrderId == command.OrderId && p.Gateway == command.Gateway && p.Application == "applied")
            .Select(p => new { p.Id, p.GatewayPaymentId, p.Currency })
            .FirstOrDefaultAsync(cancellationToken);
        if (payment is null) return new RefundOutcome.Refused("The order has no payment that paid it.");
        if (!string.Equals(payment.Currency, command.Amount.Currency, StringComparison.Ordinal))
            return new RefundOutcome.Refused("The refund's currency differs from the payment's.");

        var amount = command.Amount.Amount;
        var refund = new RefundRecord
        {
            OrderId = command.OrderId,
            Gateway = command.Gateway,
            GatewayPaymentId = payment.GatewayPaymentId,
            Amount = amount,
            Currency = command.Amount.Currency,
            Reason = command.Reason,
            RequestedBy = command.RequestedBy,
            Status = RefundStatus.Requested,
            CreatedAt = time.GetUtcNow(),
        };
        foreach (var line in command.Lines)
        {
            refund.Items.Add(new RefundItem
            {
                OrderItemId = line.OrderItemId ?? throw new ArgumentException("Refund lines name their order item.", nameof(command)),
                RefundId = refund.Id,
                Amount = line.Amount.Amount,
                ProductKey = line.ProductKey,
                BillingCycle = line.BillingCycle,
            });
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var reserved = await db.Set<PaymentRecord>()
                .Where(p => p.Id == payment.Id && p.RefundReserved + amount <= p.Amount)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.RefundReserved, p => p.RefundReserved + amount), cancellationToken);
            if (reserved == 0) return new RefundOutcome.Refused("The refund exceeds what remains of the payment.");
            db.Set<RefundRecord>().Add(refund);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return new RefundOutcome.Refused("An item is already refunded or being refunded.");
            }
            await transaction.CommitAsync(cancellationToken);
        }

        var status = await SubmitAsync(refund.Id, command.Lines, cancellationToken);
        return new RefundOutcome.Accepted(refund.Id, status.WireName(), command.Amount);
    }

    /// <summary>Sends (or resends) a requested refund to its gateway and records the answer. Used again by reconciliation.</summary>
    public async Task<RefundStatus> SubmitAsync(Guid refundId, IReadOnlyList<CheckoutLine>? lines, CancellationToken cancellationToken)
    {
        var refund = await db.Set<RefundRecord>().Include(r => r.Items).SingleAsync(r => r.Id == refundId, cancellationToken);
        if (refund.Status != RefundStatus.Requested) return refund.Status;
        lines ??= refund.Items.Select(i => new CheckoutLine("", new Money(i.Amount, refund.Currency), i.OrderItemId, i.ProductKey, i.BillingCycle)).ToList();
        refund.Submissions++;

        RefundResult result;
        try
        {
            result = await gateways.RefundAsync(refund.Gateway, new RefundRequest(
                refund.GatewayPaymentId, new Money(refund.Amount, refund.Currency), refund.Reason, refund.Id, refund.OrderId,
                lines.Count == 0 ? null : lines), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUncertain(logger, refund.Id, refund.Gateway, ex.GetType().Name);
            var detail = ex is Gateways.DodoPayments.DodoApiException or Gateways.PayPal.PayPalApiException ? ex.Message : ex.GetType().Name;
            refund.LastError = $"No clear answer from the gateway ({detail}); it is looked up before any resend.";
            await db.SaveChangesAsync(cancellationToken);
            return refund.Status;
        }

        if (!result.Accepted)
        {
            await applier.ReleaseAsync(refund, result.Error ?? "refused by the gateway", cancellationToken);
        }
        else
        {
            refund.GatewayRefundId = result.RefundId;
            refund.Status = RefundStatus.Pending;
            refund.LastError = null;
            refund.Version = Guid.NewGuid();
            if (result.Completed && result.RefundId is not null)
            {
                // The gateway's answer is its confirmation (PayPal's COMPLETED refund): applied now; its webhook later changes nothing.
                await applier.RefundSucceededAsync(refund.Gateway, result.RefundId, refund.GatewayPaymentId, refund.Id,
                    new Money(refund.Amount, refund.Currency), refund.Reason, cancellationToken);
            }
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The refund's webhook was applied meanwhile; that application stands.
            db.ChangeTracker.Clear();
        }
        return (await db.Set<RefundRecord>().AsNoTracking().SingleAsync(r => r.Id == refundId, cancellationToken)).Status;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId} at {Gateway}: no clear answer ({Error}); reconciliation will look it up")]
    private static partial void LogUncertain(ILogger logger, Guid refundId, string gateway, string error);
}
