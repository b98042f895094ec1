namespace Vozex.Web.Modules.Payments.Inbox;

/// <summary>A payment a gateway reported, unique per (gateway, gateway payment id), with what it did to the order.</summary>
public sealed class PaymentRecord
{
    public long Id { get; private set; }
    public required string Gateway { get; init; }
    public required string GatewayPaymentId { get; init; }
    public Guid OrderId { get; init; }
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public required string Status { get; init; }
    public required string Application { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Minor units refunded or being refunded. Raised by one guarded UPDATE before a refund is sent, so two
    /// concurrent refunds can never together exceed <see cref="Amount"/>; lowered again when a refund fails.
    /// </summary>
    public long RefundReserved { get; set; }
}
