namespace Vozex.Web.Modules.Payments.Disputes;

/// <summary>A chargeback or dispute the gateway reported; kept for administrators (acting on it is a human decision).</summary>
internal sealed class DisputeRecord
{
    public long Id { get; private set; }
    public required string Gateway { get; init; }
    public required string GatewayDisputeId { get; init; }
    public string? GatewayPaymentId { get; init; }
    public Guid? OrderId { get; init; }

    /// <summary>As the gateway wrote it: Dodo sends dispute amounts as strings.</summary>
    public string? Amount { get; init; }
    public string? Currency { get; init; }
    public required string Status { get; set; }
    public string? Reason { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
}
