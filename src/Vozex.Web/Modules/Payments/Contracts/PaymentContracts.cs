using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Payments.Contracts;

/// <summary>What a checkout asks a gateway to collect. Amounts come from the server's pricing only.</summary>
public sealed record CheckoutRequest(
    Guid OrderId,
    string OrderNumber,
    Money Total,
    string CustomerEmail,
    string? CustomerName,
    IReadOnlyList<CheckoutLine> Lines,
    Uri ReturnUrl);

/// <summary>
/// One order item as the gateway sees it. <paramref name="ProductKey"/> identifies the catalog product (gateways that need
/// products of their own, like Dodo Payments, map it to theirs); <paramref name="BillingCycle"/> is set for recurring items.
/// </summary>
public sealed record CheckoutLine(string Description, Money Amount, long? OrderItemId = null, string? ProductKey = null, string? BillingCycle = null);

/// <summary>A hosted payment page on the gateway; the browser is sent to <see cref="CheckoutUrl"/>.</summary>
public sealed record CheckoutSession(string SessionId, string CheckoutUrl);

/// <summary>The gateways a checkout may offer. A gateway whose credentials are unset is not offered.</summary>
public interface IPaymentGateways
{
    IReadOnlyList<string> Enabled { get; }
    bool IsEnabled(string gateway);
    Task<CheckoutSession> CreateCheckoutAsync(string gateway, CheckoutRequest request, CancellationToken cancellationToken);
}

public static class GatewayNames
{
    public const string Sandbox = "sandbox";
    public const string DodoPayments = "dodo_payments";
    public const string PayPal = "paypal";

    /// <summary>The name customers know the gateway by.</summary>
    public static string Title(string gateway) => gateway switch
    {
        Sandbox => "Sandbox",
        DodoPayments => "Dodo Payments",
        PayPal => "PayPal",
        _ => gateway,
    };
}

public sealed record PaymentConfirmed(string Gateway, string GatewayPaymentId, Guid OrderId, Money Amount, DateTimeOffset At);

public sealed record PaymentDeclined(string Gateway, string? GatewayPaymentId, Guid OrderId, string? Reason, DateTimeOffset At);

public enum PaymentApplication
{
    Applied,
    AlreadyPaid,
    AmountMismatch,
    UnknownOrder,
    NotPayable,
}

/// <summary>
/// Implemented by the module that owns orders. Payments tells it about confirmed and declined payments
/// inside the inbox processor's unit of work, so the order change and the payment record commit together.
/// </summary>
public interface IOrderPaymentSink
{
    Task<PaymentApplication> ApplyPaymentAsync(PaymentConfirmed payment, CancellationToken cancellationToken);
    Task ApplyDeclineAsync(PaymentDeclined decline, CancellationToken cancellationToken);

    /// <summary>A refund the gateway confirmed; called in the same unit of work that records the refund as succeeded.</summary>
    Task<RefundApplication> ApplyRefundAsync(RefundConfirmed refund, CancellationToken cancellationToken);

    /// <summary>Orders still awaiting payment that were placed before <paramref name="placedBefore"/>, oldest first (for reconciliation).</summary>
    Task<IReadOnlyList<AwaitingPayment>> AwaitingPaymentAsync(DateTimeOffset placedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>The gateway session of one order, whatever its state; null for an unknown order.</summary>
    Task<AwaitingPayment?> FindSessionAsync(Guid orderId, CancellationToken cancellationToken);
}

/// <summary>An order and the gateway checkout session it was sent to.</summary>
public sealed record AwaitingPayment(Guid OrderId, string Gateway, string? SessionId, DateTimeOffset PlacedAt);

/// <summary>A refund confirmed by the gateway. <paramref name="OrderItemIds"/> is empty when the gateway did not say which items (a refund made on its dashboard).</summary>
public sealed record RefundConfirmed(string Gateway, string GatewayRefundId, Guid OrderId, Money Amount, IReadOnlyList<long> OrderItemIds, string? Reason, DateTimeOffset At);

public enum RefundApplication
{
    Applied,
    UnknownOrder,
    NotRefundable,
}

public sealed record PaymentSummary(string Gateway, string GatewayPaymentId, Money Amount, string Status, string Application, DateTimeOffset CreatedAt);

/// <summary>Read access to recorded payments for the modules that show orders.</summary>
public interface IPaymentHistory
{
    Task<IReadOnlyList<PaymentSummary>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken);
}

/// <summary>What a gateway says about a checkout session right now (for reconciliation when a webhook was lost).</summary>
public sealed record GatewayPayment(string SessionId, Guid OrderId, string Status, string? PaymentId, Money Amount, Money Refunded);

/// <summary>
/// A refund sent to a gateway. <paramref name="RefundId"/> is VOZEX's own id for it: gateways carry it back on their
/// refund object and webhook, and it is how a retried refund is recognised as already made. <paramref name="Lines"/>
/// are the refunded items (null: a refund of the whole remaining payment).
/// </summary>
public sealed record RefundRequest(string PaymentId, Money Amount, string Reason, Guid? RefundId = null, Guid? OrderId = null, IReadOnlyList<CheckoutLine>? Lines = null);

/// <summary>
/// What a gateway said to a refund. <paramref name="Completed"/> is true when the gateway confirmed the money moved in its
/// answer (PayPal); otherwise the confirmation arrives as a <c>refund.succeeded</c> webhook.
/// </summary>
public sealed record RefundResult(bool Accepted, string? RefundId, string? Error, bool Completed = false);

/// <summary>The operations behind checkout that every gateway offers; webhooks are verified and parsed at the intake.</summary>
public interface IPaymentGatewayOperations
{
    /// <summary>Null when the gateway does not know the session.</summary>
    Task<GatewayPayment?> FetchPaymentAsync(string gateway, string sessionId, CancellationToken cancellationToken);

    /// <summary>Refunds all or part of a payment; never more than what remains, so a retried refund cannot pay out twice.</summary>
    Task<RefundResult> RefundAsync(string gateway, RefundRequest request, CancellationToken cancellationToken);
}

/// <summary>An administrator's refund of a paid order: the items (empty: everything not yet refunded) and the amount they add up to.</summary>
public sealed record OrderRefundCommand(Guid OrderId, string Gateway, IReadOnlyList<CheckoutLine> Lines, Money Amount, string Reason, string RequestedBy);

/// <summary>What became of a refund request. Accepted refunds finish when the gateway confirms them.</summary>
public abstract record RefundOutcome
{
    /// <summary>Sent to the gateway (or queued for a safe retry when the gateway did not answer); <paramref name="Status"/> is requested, pending or succeeded.</summary>
    public sealed record Accepted(Guid RefundId, string Status, Money Amount) : RefundOutcome;

    /// <summary>Refused before or by the gateway; nothing was refunded.</summary>
    public sealed record Refused(string Reason) : RefundOutcome;
}

/// <summary>Refunds through the order's gateway, never beyond what was paid and never an item twice.</summary>
public interface IPaymentRefunds
{
    Task<RefundOutcome> RefundAsync(OrderRefundCommand command, CancellationToken cancellationToken);

    /// <summary>Order items already in a refund that has not failed.</summary>
    Task<IReadOnlySet<long>> ItemsInRefundsAsync(Guid orderId, CancellationToken cancellationToken);
}

/// <summary>Asks the gateway about one order and applies what it says through the same path as webhooks.</summary>
public interface IPaymentReconciler
{
    /// <summary>Returns a short description of what the gateway said and what was done.</summary>
    Task<string> RecheckOrderAsync(Guid orderId, CancellationToken cancellationToken);
}
