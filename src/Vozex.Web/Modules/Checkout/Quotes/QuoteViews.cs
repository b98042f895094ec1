using Vozex.Web.Modules.Checkout.Pricing;
using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Checkout.Quotes;

/// <summary>The body of <c>POST /quotes</c> (and, with more fields, of checkout): <c>{items: [{product_slug, configuration}]}</c>.</summary>
internal sealed record QuoteRequest(IReadOnlyList<QuoteItemRequest?>? Items);

/// <summary>A quote as the API shows it; amounts are <c>{amount, currency}</c> in minor units.</summary>
internal sealed record QuoteView(IReadOnlyList<ItemQuoteView> Items, Money Subtotal, Money Discount, Money Total, string Currency)
{
    /// <summary>Service deadlines are estimated as if paid at <paramref name="now"/>.</summary>
    public static QuoteView From(Quote quote, DateTimeOffset now) =>
        new(quote.Items.Select(i => ItemQuoteView.From(i, now)).ToList(), quote.Subtotal, quote.Discount, quote.Total, quote.Currency);
}

internal sealed record ItemQuoteView(
    long ProductId,
    string ProductSlug,
    string ProductName,
    string ProductType,
    string DeliveryModel,
    ItemConfiguration Configuration,
    IReadOnlyList<PriceLine> Lines,
    Money Subtotal,
    Money Discount,
    string? DiscountLabel,
    Money Total,
    string? BillingCycle,
    int? BillingCycleMonths,
    bool Recurring,
    Money? NextRenewalAmount,
    long? EstimatedDurationHours,
    DateTimeOffset? EstimatedCompletion)
{
    public static ItemQuoteView From(ItemQuote q, DateTimeOffset now) => new(
        q.ProductId, q.ProductSlug, q.ProductName, q.ProductType, q.DeliveryModel, q.Configuration, q.Lines,
        q.Subtotal, q.Discount, q.DiscountLabel, q.Total, q.BillingCycle, q.BillingCycleMonths, q.Recurring, q.NextRenewalAmount,
        q.EstimatedDuration is { } d ? (long)d.TotalHours : null, q.EstimatedCompletion(now));
}
