namespace Vozex.Web.Modules.Payments.Subscriptions;

/// <summary>
/// A subscription a gateway keeps, and the VOZEX order that started it: recorded from the first event that names both
/// (the first payment, <c>subscription.active</c>, <c>BILLING.SUBSCRIPTION.ACTIVATED</c>), before the order's tenant
/// and its VOZEX subscription may exist. Unique per gateway and subscription id.
/// </summary>
internal sealed class GatewaySubscriptionLink
{
    public long Id { get; private set; }
    public required string Gateway { get; init; }
    public required string GatewaySubscriptionId { get; init; }
    public Guid OrderId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// A PayPal catalog product and billing plan VOZEX created for one price (catalog product, cycle, amount, currency);
/// unique on the key, so concurrent checkouts agree on one plan (like <c>DodoProductMapping</c>).
/// </summary>
internal sealed class PayPalPlanMapping
{
    public required string Key { get; init; }
    public required string PayPalProductId { get; init; }
    public required string PayPalPlanId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
