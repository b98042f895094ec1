using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Checkout.Pricing;

/// <summary>One priced line of an item; the lines of an item add up to its subtotal exactly.</summary>
public sealed record PriceLine(string Label, Money Amount);

/// <summary>
/// The price of one configured product under SPEC §4, with everything an order item needs to snapshot.
/// Total = Subtotal − Discount; Subtotal = Σ Lines. For SaaS the total is the charge per billing cycle.
/// </summary>
public sealed record ItemQuote
{
    public required long ProductId { get; init; }
    public required string ProductSlug { get; init; }
    public required string ProductName { get; init; }
    public required string ProductType { get; init; }
    public required string DeliveryModel { get; init; }
    public required string Currency { get; init; }
    public required ItemConfiguration Configuration { get; init; }
    public required IReadOnlyList<PriceLine> Lines { get; init; }
    public required Money Subtotal { get; init; }
    public required Money Discount { get; init; }

    /// <summary>Why there is a discount (the billing cycle's), or null when there is none.</summary>
    public string? DiscountLabel { get; init; }

    public required Money Total { get; init; }

    /// <summary>The chosen plan, license type or package as the catalog describes it now; the order keeps it.</summary>
    public required PurchasedTerms Terms { get; init; }

    /// <summary>SaaS only: the billing cycle id and its length in months.</summary>
    public string? BillingCycle { get; init; }

    public int? BillingCycleMonths { get; init; }

    public bool Recurring { get; init; }

    /// <summary>SaaS only: what each following cycle costs (the same as <see cref="Total"/> at today's catalog prices).</summary>
    public Money? NextRenewalAmount { get; init; }

    /// <summary>Services only: package duration × timeline duration factor, in whole hours.</summary>
    public TimeSpan? EstimatedDuration { get; init; }

    /// <summary>Services only: when the work is due if paid at <paramref name="paidAt"/>; null for other models.</summary>
    public DateTimeOffset? EstimatedCompletion(DateTimeOffset paidAt) => paidAt + EstimatedDuration;
}

/// <summary>A priced list of items in one currency. Total is what the customer pays now (the first cycle of subscriptions).</summary>
public sealed record Quote(IReadOnlyList<ItemQuote> Items, Money Subtotal, Money Discount, Money Total)
{
    public string Currency => Total.Currency;
}
