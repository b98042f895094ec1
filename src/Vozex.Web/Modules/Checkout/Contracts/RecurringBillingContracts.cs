namespace Vozex.Web.Modules.Checkout.Contracts;

/// <summary>A price line in minor units of the item's currency.</summary>
public sealed record BillingLine(string Label, long Amount);

/// <summary>A paid SaaS order item as it was snapshotted at checkout: what a subscription starts from.</summary>
public sealed record SaasItemSnapshot(
    Guid OrderId,
    string OrderNumber,
    long OrderItemId,
    Guid CustomerId,
    string CustomerEmail,
    string Gateway,
    long ProductId,
    string ProductSlug,
    string ProductName,
    string ProductType,
    string Plan,
    IReadOnlyList<string> Features,
    string BillingCycle,
    int CycleMonths,
    string Currency,
    IReadOnlyList<BillingLine> Lines,
    long Discount,
    long Total,
    DateTimeOffset PaidAt);

/// <summary>What a SaaS configuration costs per cycle at today's catalog prices (SPEC §4).</summary>
public sealed record SaasPrice(
    string Plan,
    string PlanName,
    IReadOnlyList<string> Features,
    string BillingCycle,
    int CycleMonths,
    string Currency,
    IReadOnlyList<BillingLine> Lines,
    long Discount,
    long Total);

public abstract record SaasPriceResult
{
    public sealed record Priced(SaasPrice Price) : SaasPriceResult;

    /// <summary>Errors keyed by the request field (<c>plan</c>, <c>features[1]</c>, <c>billing_cycle</c>).</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : SaasPriceResult;
}

/// <summary>
/// A charge made outside checkout (a renewal, a prorated upgrade) to be kept as a paid order with its price lines, so
/// receipts, the order history, refunds and revenue see it like any other order. <paramref name="OrderId"/> is chosen
/// by the caller, so the payment that pays it can name it before the order is saved.
/// </summary>
public sealed record BillingOrderRequest(
    Guid OrderId,
    Guid CustomerId,
    string CustomerEmail,
    string Gateway,
    string GatewayPaymentId,
    string Currency,
    long ProductId,
    string ProductSlug,
    string ProductName,
    string ProductType,
    string Plan,
    IReadOnlyList<string> Features,
    string BillingCycle,
    string? Subdomain,
    IReadOnlyList<BillingLine> Lines,
    long Discount,
    long Total,
    long? NextRenewalAmount,
    DateTimeOffset PaidAt);

public sealed record BillingOrder(Guid OrderId, string OrderNumber);

/// <summary>Checkout's side of recurring billing: the paid item a subscription starts from, prices, and paid orders for later charges.</summary>
public interface IRecurringBilling
{
    /// <summary>The recurring (SaaS) items of an order.</summary>
    Task<IReadOnlyList<long>> RecurringItemIdsAsync(Guid orderId, CancellationToken cancellationToken);

    /// <summary>Null when the item is unknown or is not a recurring SaaS item.</summary>
    Task<SaasItemSnapshot?> SaasItemAsync(long orderItemId, CancellationToken cancellationToken);

    /// <summary>Prices a SaaS configuration of <paramref name="productSlug"/>; an unknown plan, add-on or cycle is an error naming its field.</summary>
    Task<SaasPriceResult> PriceSaasAsync(string productSlug, string plan, IReadOnlyList<string> features, string billingCycle, CancellationToken cancellationToken);

    /// <summary>
    /// Adds an already paid order (one item, the given lines) to the caller's unit of work; nothing is fulfilled for it
    /// (what it pays for already runs), so it is recorded as fulfilled.
    /// </summary>
    BillingOrder AddPaidOrder(BillingOrderRequest request);
}
