namespace Vozex.Web.Modules.Analytics.Contracts;

/// <summary>The kinds of business event the funnel and revenue are computed from.</summary>
public static class AnalyticsEventKinds
{
    public const string CatalogView = "catalog_view";
    public const string ProductView = "product_view";
    public const string CheckoutStarted = "checkout_started";
    public const string OrderPaid = "order_paid";
    /// <summary>One per item of a paid order: carries the item's product type and amount (revenue by product type).</summary>
    public const string ItemPaid = "item_paid";
    public const string PaymentFailed = "payment_failed";

    public static IReadOnlyList<string> All { get; } = [CatalogView, ProductView, CheckoutStarted, OrderPaid, ItemPaid, PaymentFailed];
}

/// <summary>
/// One analytics event. Only ids and business facts: no email, name, address or visitor identifier.
/// <paramref name="Amount"/> is in minor units of <paramref name="Currency"/>.
/// </summary>
public sealed record AnalyticsEventData(
    string Kind,
    DateTimeOffset At,
    string? ProductSlug = null,
    string? ProductType = null,
    Guid? OrderId = null,
    string? Gateway = null,
    long? Amount = null,
    string? Currency = null);

/// <summary>Records analytics events.</summary>
public interface IAnalytics
{
    /// <summary>
    /// Queues the event for a background batch write and returns at once; never throws and never waits. When the
    /// queue is full the event is dropped (and counted), so a burst of page views cannot slow a request down.
    /// </summary>
    void Track(AnalyticsEventData data);

    /// <summary>Adds the event to the caller's unit of work, so it commits (or not) with the change that caused it.</summary>
    void Record(AnalyticsEventData data);
}

/// <summary>
/// Endpoint metadata: a successful GET of the endpoint (an API route or a page) counts as one <see cref="Kind"/>
/// event; the route value <c>slug</c>, when present, names the product. Counted before the output cache answers,
/// so cached responses count too.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class TrackViewAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;
}
