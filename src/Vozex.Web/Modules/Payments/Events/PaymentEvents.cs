using System.Text.Json;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Payments.Events;

/// <summary>The fields of a Dodo Payments <c>Payment</c> object that VOZEX acts on.</summary>
internal sealed record PaymentPayload(string PaymentId, long Amount, string Currency, Guid OrderId, string? ErrorMessage)
{
    public static PaymentPayload Read(JsonElement data)
    {
        var paymentId = data.GetProperty("payment_id").GetString() ?? throw new FormatException("payment_id is missing.");
        var amount = data.GetProperty("total_amount").GetInt64();
        var currency = data.GetProperty("currency").GetString() ?? throw new FormatException("currency is missing.");
        var orderId = Guid.Parse(data.GetProperty("metadata").GetProperty("order_id").GetString() ?? "");
        var error = data.TryGetProperty("error_message", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return new PaymentPayload(paymentId, amount, currency.ToUpperInvariant(), orderId, error);
    }
}

internal static class JsonRead
{
    public static string? Str(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static JsonElement Obj(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static Guid? GuidOf(this JsonElement element, string name) => Guid.TryParse(element.Str(name), out var id) ? id : null;
}

/// <summary>
/// <c>payment.succeeded</c> (Dodo Payments and the sandbox): records the payment once (unique per gateway payment id)
/// and tells the order's owner, which checks amount and currency and marks it paid, all in the inbox row's transaction.
/// A payment of a Dodo subscription (it names the subscription) is the order's first payment or a renewal.
/// </summary>
internal sealed class PaymentSucceededHandler(PaymentApplier applier, Subscriptions.DodoSubscriptionPayments subscriptions) : IWebhookEventHandler
{
    public string EventType => "payment.succeeded";

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken)
    {
        var payment = PaymentPayload.Read(data);
        if (entry.Gateway == Contracts.GatewayNames.DodoPayments && data.Str("subscription_id") is { Length: > 0 } subscriptionId)
            return subscriptions.HandleAsync(entry, subscriptionId, payment, cancellationToken);
        return applier.ConfirmAsync(entry.Gateway, payment.PaymentId, payment.OrderId, new Money(payment.Amount, payment.Currency), cancellationToken);
    }
}

/// <summary><c>payment.failed</c>: the order's owner decides whether the order is now <c>payment_failed</c>.</summary>
internal sealed class PaymentFailedHandler(PaymentApplier applier) : IWebhookEventHandler
{
    public string EventType => "payment.failed";

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken)
    {
        var payment = PaymentPayload.Read(data);
        return applier.DeclineAsync(entry.Gateway, payment.PaymentId, payment.OrderId, payment.ErrorMessage, cancellationToken);
    }
}

/// <summary><c>refund.succeeded</c>: the order and its items become refunded or partially refunded.</summary>
internal sealed class RefundSucceededHandler(PaymentApplier applier) : IWebhookEventHandler
{
    public string EventType => "refund.succeeded";

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken)
    {
        var refundId = data.Str("refund_id") ?? throw new FormatException("refund_id is missing.");
        var amount = new Money(data.GetProperty("amount").GetInt64(), (data.Str("currency") ?? throw new FormatException("currency is missing.")).ToUpperInvariant());
        return applier.RefundSucceededAsync(entry.Gateway, refundId, data.Str("payment_id"), data.Obj("metadata").GuidOf("refund_id"), amount, data.Str("reason"), cancellationToken);
    }
}

/// <summary><c>refund.failed</c>: the refund's money and items may be refunded again.</summary>
internal sealed class RefundFailedHandler(PaymentApplier applier) : IWebhookEventHandler
{
    public string EventType => "refund.failed";

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken) =>
        applier.RefundFailedAsync(entry.Gateway, data.Str("refund_id") ?? throw new FormatException("refund_id is missing."),
            data.Obj("metadata").GuidOf("refund_id"), data.Str("reason"), cancellationToken);
}

/// <summary><c>dispute.opened</c>: recorded against the payment's order for an administrator.</summary>
internal sealed class DisputeOpenedHandler(PaymentApplier applier) : IWebhookEventHandler
{
    public string EventType => "dispute.opened";

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken) =>
        applier.DisputeOpenedAsync(entry.Gateway, data.Str("dispute_id") ?? throw new FormatException("dispute_id is missing."),
            data.Str("payment_id"), data.Str("amount"), data.Str("currency"), data.Str("dispute_status"), data.Str("remarks"), cancellationToken);
}

/// <summary>
/// Subscription events VOZEX does not act on (plan changed, paused, updated, ...): stored in the inbox and acknowledged.
/// The ones it acts on have handlers in <c>Payments/Subscriptions</c>. One instance per event type keeps the
/// dispatcher's one-handler-per-type rule.
/// </summary>
internal sealed class SubscriptionEventAcknowledger(string eventType) : IWebhookEventHandler
{
    public static readonly IReadOnlyList<string> DodoTypes =
    [
        "subscription.plan_changed", "subscription.paused", "subscription.unpaused", "subscription.updated", "subscription.update_payment_method",
    ];

    public static readonly IReadOnlyList<string> PayPalTypes =
    [
        "BILLING.SUBSCRIPTION.CREATED", "BILLING.SUBSCRIPTION.UPDATED", "BILLING.SUBSCRIPTION.RE-ACTIVATED",
    ];

    public string EventType => eventType;

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken) =>
        Task.FromResult("subscription event acknowledged");
}
