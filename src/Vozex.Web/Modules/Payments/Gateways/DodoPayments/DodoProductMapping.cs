namespace Vozex.Web.Modules.Payments.Gateways.DodoPayments;

/// <summary>
/// A Dodo product VOZEX created, by what it stands for: one pay-what-you-want product per catalog product and currency
/// for one-time items, one recurring product per catalog product, cadence, price and currency (Dodo has no PWYW for
/// subscriptions). Unique on the key, so concurrent checkouts agree on one product.
/// </summary>
internal sealed class DodoProductMapping
{
    public required string Key { get; init; }
    public required string DodoProductId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
