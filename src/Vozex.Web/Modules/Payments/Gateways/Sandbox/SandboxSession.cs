using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Payments.Gateways.Sandbox;

public enum SandboxSessionStatus
{
    Open,
    Paid,
    Declined,
}

/// <summary>The sandbox's own record of a hosted checkout, like a real gateway's checkout session.</summary>
public sealed class SandboxSession
{
    public required string Id { get; init; }
    public Guid OrderId { get; init; }
    public required string OrderNumber { get; init; }
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public required string CustomerEmail { get; init; }
    public required IReadOnlyList<CheckoutLine> Lines { get; init; }
    public required string ReturnUrl { get; init; }
    public SandboxSessionStatus Status { get; set; }
    public string? PaymentId { get; set; }

    /// <summary>Minor units refunded so far; a refund beyond <see cref="Amount"/> is refused.</summary>
    public long RefundedAmount { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>A signed webhook the sandbox owes our webhook endpoint; delivered with retries like a real gateway would.</summary>
public sealed class SandboxWebhookDelivery : QueuedWork<SandboxWebhookDelivery>
{
    public required string WebhookId { get; init; }
    public required string Url { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
