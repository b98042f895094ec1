using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Subscriptions.Billing;

/// <summary>
/// What Dodo Payments and PayPal report about the subscriptions they bill, applied through the same billing rules as the
/// sandbox's scheduled charges: a paid renewal through <see cref="SubscriptionBilling.ApplyRenewalPaidAsync"/>, a failed one
/// through the one dunning path, a cancellation at the period end through the clock. Each report may come more than once
/// (several events tell one fact, gateways redeliver): a repeat finds the state already reached and changes nothing.
/// </summary>
internal sealed partial class GatewaySubscriptionSink(MarketplaceDbContext db, SubscriptionBilling billing, TimeProvider time, ILogger<GatewaySubscriptionSink> logger)
    : IGatewaySubscriptionSink
{
    /// <summary>By the gateway's id, else the order's subscription not linked yet (which is linked now); null when none has started.</summary>
    private async Task<Subscription?> FindAsync(GatewaySubscriptionRef r, CancellationToken cancellationToken)
    {
        var s = db.Set<Subscription>().Local.FirstOrDefault(x => x.Gateway == r.Gateway && x.GatewaySubscriptionId == r.SubscriptionId)
            ?? await db.Set<Subscription>().FirstOrDefaultAsync(x => x.Gateway == r.Gateway && x.GatewaySubscriptionId == r.SubscriptionId, cancellationToken);
        if (s is not null || r.OrderId is not { } orderId) return s;
        s = await db.Set<Subscription>().Where(x => x.OrderId == orderId && x.Gateway == r.Gateway && x.GatewaySubscriptionId == null)
            .OrderBy(x => x.Id).FirstOrDefaultAsync(cancellationToken);
        s?.LinkGateway(r.SubscriptionId, time.GetUtcNow());
        return s;
    }

    private async Task<Subscription> RequireAsync(GatewaySubscriptionRef r, CancellationToken cancellationToken) =>
        await FindAsync(r, cancellationToken) ?? throw new GatewaySubscriptionNotFoundException(r);

    public async Task<string> LinkedAsync(GatewaySubscriptionRef subscription, CancellationToken cancellationToken) =>
        await FindAsync(subscription, cancellationToken) is { } s
            ? $"subscription {s.Id} is {subscription.Gateway} subscription {subscription.SubscriptionId}"
            : "linked to the order; its subscription starts when the tenant is provisioned";

    public async Task<GatewayRenewalOutcome> RenewalPaidAsync(GatewaySubscriptionRef subscription, string paymentId, Money amount, DateTimeOffset? nextBillingAt,
        CancellationToken cancellationToken)
    {
        var s = await RequireAsync(subscription, cancellationToken);
        if (await db.Set<SubscriptionRenewal>().AnyAsync(r => r.SubscriptionId == s.Id && r.GatewayPaymentId == paymentId, cancellationToken))
            return new GatewayRenewalOutcome(null, "renewal already applied");
        if (!s.IsLive)
        {
            // Money the gateway took for a subscription that ended here (it was cancelled at the gateway too): an administrator refunds it.
            LogRenewalAfterEnd(logger, s.Id, subscription.Gateway, paymentId);
            return new GatewayRenewalOutcome(null, "subscription has ended; renewal not applied (refund it at the gateway)");
        }
        if (!string.Equals(amount.Currency, s.Currency, StringComparison.Ordinal))
            LogCurrencyMismatch(logger, s.Id, amount.Currency, s.Currency);
        var orderId = Guid.CreateVersion7();
        var applied = await billing.ApplyRenewalPaidAsync(s, s.CurrentPeriodEnd, orderId, paymentId, amount.Amount, cancellationToken, nextBillingAt);
        return applied
            ? new GatewayRenewalOutcome(orderId, $"renewed until {s.CurrentPeriodEnd:O}")
            : new GatewayRenewalOutcome(null, "renewal not applied (period already renewed)");
    }

    public async Task<string> RenewalFailedAsync(GatewaySubscriptionRef subscription, string reason, CancellationToken cancellationToken)
    {
        var s = await RequireAsync(subscription, cancellationToken);
        // Only the first report of an unpaid renewal starts dunning; the gateway's own retries (and repeats) leave the schedule alone.
        if (s.Status != SubscriptionStatus.Active) return $"subscription is {s.Status}; nothing changed";
        billing.RecordRenewalFailure(s, reason, s.NextRenewalAmount);
        return "renewal failed; past due";
    }

    public async Task<string> SuspendedAsync(GatewaySubscriptionRef subscription, string reason, CancellationToken cancellationToken)
    {
        var s = await RequireAsync(subscription, cancellationToken);
        if (s.Status == SubscriptionStatus.Active) billing.RecordRenewalFailure(s, reason, s.NextRenewalAmount);
        if (s.Status != SubscriptionStatus.PastDue) return $"subscription is {s.Status}; nothing changed";
        await billing.SuspendForNonPaymentAsync(s, cancellationToken);
        return "suspended for non-payment";
    }

    public async Task<string> CancelledAsync(GatewaySubscriptionRef subscription, string reason, CancellationToken cancellationToken)
    {
        var s = await RequireAsync(subscription, cancellationToken);
        if (!s.IsLive) return "subscription already ended";
        // What was paid still runs to the period end; unpaid (past due, suspended) there is nothing left to run.
        if (s.Status == SubscriptionStatus.Active && time.GetUtcNow() < s.CurrentPeriodEnd)
        {
            if (s.CancelAtPeriodEnd) return "cancellation at the period end already scheduled";
            billing.ScheduleCancellation(s, true);
            return $"cancelled at the period end ({reason})";
        }
        await billing.CancelAsync(s, reason, cancellationToken, atGateway: false);
        return $"cancelled ({reason})";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} has ended but {Gateway} charged renewal payment {PaymentId}: refund it at the gateway")]
    private static partial void LogRenewalAfterEnd(ILogger logger, long subscriptionId, string gateway, string paymentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId}: the gateway charged in {Charged}, the subscription is priced in {Priced}")]
    private static partial void LogCurrencyMismatch(ILogger logger, long subscriptionId, string charged, string priced);
}
