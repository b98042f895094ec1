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

public sealed record CheckoutLine(string Description, Money Amount);

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
}

public sealed record PaymentSummary(string Gateway, string GatewayPaymentId, Money Amount, string Status, string Application, DateTimeOffset CreatedAt);

/// <summary>Read access to recorded payments for the modules that show orders.</summary>
public interface IPaymentHistory
{
    Task<IReadOnlyList<PaymentSummary>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken);
}

/// <summary>What a gateway says about a checkout session right now (for reconciliation when a webhook was lost).</summary>
public sealed record GatewayPayment(string SessionId, Guid OrderId, string Status, string? PaymentId, Money Amount, Money Refunded);

public sealed record RefundRequest(string PaymentId, Money Amount, string Reason);

public sealed record RefundResult(bool Accepted, string? RefundId, string? Error);

/// <summary>The operations behind checkout that every gateway offers; webhooks are verified and parsed at the intake.</summary>
public interface IPaymentGatewayOperations
{
    /// <summary>Null when the gateway does not know the session.</summary>
    Task<GatewayPayment?> FetchPaymentAsync(string gateway, string sessionId, CancellationToken cancellationToken);

    /// <summary>Refunds all or part of a payment; never more than what remains, so a retried refund cannot pay out twice.</summary>
    Task<RefundResult> RefundAsync(string gateway, RefundRequest request, CancellationToken cancellationToken);
}
