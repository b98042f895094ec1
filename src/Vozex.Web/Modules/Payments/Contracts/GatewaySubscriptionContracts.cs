using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Payments.Contracts;

/// <summary>
/// A subscription a gateway keeps (Dodo Payments, PayPal), by its id there, and the VOZEX order that started it when
/// Payments knows it (from the checkout's metadata or an earlier event).
/// </summary>
public sealed record GatewaySubscriptionRef(string Gateway, string SubscriptionId, Guid? OrderId);

/// <summary>What became of a renewal the gateway charged: the renewal order it paid, or none (a repeat, or nothing to renew).</summary>
public sealed record GatewayRenewalOutcome(Guid? OrderId, string Outcome);

/// <summary>
/// Implemented by the module that owns subscriptions. Payments turns the gateways' subscription webhooks into these calls
/// inside the inbox row's unit of work (nothing is saved by the sink), so the event, the payment record and the
/// subscription's change commit together. Each call must be safe to repeat: a gateway reports one fact in several events,
/// and redelivers.
/// </summary>
public interface IGatewaySubscriptionSink
{
    /// <summary>The gateway confirmed the subscription (Dodo <c>subscription.active</c>, PayPal <c>BILLING.SUBSCRIPTION.ACTIVATED</c>).</summary>
    Task<string> LinkedAsync(GatewaySubscriptionRef subscription, CancellationToken cancellationToken);

    /// <summary>
    /// A renewal the gateway charged. <paramref name="nextBillingAt"/> is when the gateway bills next (the new period's end) when it says.
    /// Throws <see cref="GatewaySubscriptionNotFoundException"/> when no subscription is known for it yet (the inbox retries).
    /// </summary>
    Task<GatewayRenewalOutcome> RenewalPaidAsync(GatewaySubscriptionRef subscription, string paymentId, Money amount, DateTimeOffset? nextBillingAt, CancellationToken cancellationToken);

    /// <summary>A renewal charge failed; the gateway retries it on its own schedule.</summary>
    Task<string> RenewalFailedAsync(GatewaySubscriptionRef subscription, string reason, CancellationToken cancellationToken);

    /// <summary>The gateway stopped billing after failed charges (PayPal <c>BILLING.SUBSCRIPTION.SUSPENDED</c>).</summary>
    Task<string> SuspendedAsync(GatewaySubscriptionRef subscription, string reason, CancellationToken cancellationToken);

    /// <summary>The gateway ended the subscription (cancelled or expired there): it runs to the end of the paid period.</summary>
    Task<string> CancelledAsync(GatewaySubscriptionRef subscription, string reason, CancellationToken cancellationToken);
}

/// <summary>An event about a gateway subscription that no VOZEX subscription is known for yet; the inbox retries it later.</summary>
public sealed class GatewaySubscriptionNotFoundException(GatewaySubscriptionRef subscription)
    : Exception($"No subscription is known yet for {subscription.Gateway} subscription {subscription.SubscriptionId}; the event is retried.");

/// <summary>What the subscriptions module may ask of a gateway about the subscriptions it keeps.</summary>
public interface IGatewaySubscriptions
{
    /// <summary>The gateway's subscription started by an order, when the gateway has reported one.</summary>
    Task<string?> ForOrderAsync(string gateway, Guid orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Stops the gateway's billing: at the next billing date (Dodo keeps it until then) or now. Safe to repeat: a
    /// subscription already cancelled at the gateway is left alone.
    /// </summary>
    Task CancelAsync(string gateway, string subscriptionId, bool atPeriodEnd, CancellationToken cancellationToken);

    /// <summary>Whether a cancellation at the period end can still be undone at the gateway (Dodo yes; PayPal cancels at once, for good).</summary>
    bool CanUndoCancellation(string gateway);

    /// <summary>Undoes a cancellation at the period end.</summary>
    Task UndoCancellationAsync(string gateway, string subscriptionId, CancellationToken cancellationToken);

    /// <summary>
    /// Succeeded charges of the gateway's subscription since <paramref name="since"/> that no webhook reported (no payment is
    /// recorded for them), oldest first: a renewal whose webhook was lost is found before it is taken for a failure.
    /// </summary>
    Task<IReadOnlyList<GatewayCharge>> UnreportedChargesAsync(string gateway, string subscriptionId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Records a recovered charge as the payment of the renewal order it paid (in the caller's unit of work).</summary>
    void RecordRenewalPayment(string gateway, GatewayCharge charge, Guid orderId);
}

/// <summary>A charge the gateway made for a subscription, and when it bills next (the new period's end) when it says.</summary>
public sealed record GatewayCharge(string PaymentId, Money Amount, DateTimeOffset At, DateTimeOffset? NextBillingAt);
