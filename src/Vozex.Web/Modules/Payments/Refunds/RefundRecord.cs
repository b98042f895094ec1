namespace Vozex.Web.Modules.Payments.Refunds;

public enum RefundStatus
{
    /// <summary>Recorded; the gateway may or may not have it yet (a crash or a timeout leaves it here until resubmitted).</summary>
    Requested,

    /// <summary>The gateway accepted it and will confirm by webhook.</summary>
    Pending,
    Succeeded,
    Failed,
}

/// <summary>
/// A refund of one payment. Its <see cref="Id"/> travels to the gateway (Dodo metadata, PayPal custom_id and
/// PayPal-Request-Id), so the confirmation finds it and a resubmission recognises a refund already made.
/// </summary>
internal sealed class RefundRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrderId { get; init; }
    public required string Gateway { get; init; }
    public required string GatewayPaymentId { get; init; }
    public string? GatewayRefundId { get; set; }
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public required string Reason { get; init; }
    public RefundStatus Status { get; set; }

    /// <summary>Who asked: an administrator's email, or "gateway" for a refund made on the gateway's own dashboard.</summary>
    public required string RequestedBy { get; init; }
    public string? LastError { get; set; }
    public int Submissions { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Optimistic concurrency: a webhook and a synchronous confirmation cannot both apply it.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<RefundItem> Items { get; init; } = [];
}

/// <summary>An order item in a refund. Unique per order item, so an item is never in two refunds that have not failed.</summary>
internal sealed class RefundItem
{
    public long OrderItemId { get; init; }
    public Guid RefundId { get; init; }
    public long Amount { get; init; }
    public string? ProductKey { get; init; }
    public string? BillingCycle { get; init; }
}
