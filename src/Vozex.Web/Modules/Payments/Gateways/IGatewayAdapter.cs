using Vozex.Web.Modules.Payments.Contracts;

namespace Vozex.Web.Modules.Payments.Gateways;

/// <summary>One payment gateway behind <see cref="PaymentGateways"/>: each lives in its own folder with its client and options.</summary>
internal interface IGatewayAdapter
{
    string Name { get; }

    /// <summary>Credentials set (the sandbox: enabled). Only configured gateways are offered at checkout.</summary>
    bool IsConfigured { get; }

    Task<CheckoutSession> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// What the gateway says about a checkout session now. Statuses: <c>open</c>, <c>succeeded</c>, <c>failed</c>,
    /// <c>refunded</c>, <c>partially_refunded</c>. Null when the gateway does not know the session.
    /// </summary>
    Task<GatewayPayment?> FetchAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a refund. Must be safe to call again for the same <see cref="RefundRequest.RefundId"/> after a timeout:
    /// a refund the gateway already made is found and reported, not made twice.
    /// </summary>
    Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken);
}

internal static class GatewayStatus
{
    public const string Open = "open";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Refunded = "refunded";
    public const string PartiallyRefunded = "partially_refunded";

    public static bool IsPaid(string status) => status is Succeeded or Refunded or PartiallyRefunded;
}
