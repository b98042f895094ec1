using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Catalog.Domain;

/// <summary>
/// The cheapest configuration of a product under SPEC §4: SaaS per month on the cheapest plan
/// without add-ons; self-hosted with the cheapest license, support and update option; a service
/// with the cheapest package on the cheapest timeline.
/// </summary>
public static class FromPrice
{
    public static long Compute(DeliveryModel model, long basePrice, ProductOptions options) => model switch
    {
        DeliveryModel.Saas => basePrice + MinOrZero(options.PricingPlans, p => p.MonthlyPrice),
        DeliveryModel.SelfHosted => basePrice
            + MinOrZero(options.LicenseTypes, l => l.Price)
            + MinOrZero(options.SupportPlans, s => s.PricePerYear)
            + MinOrZero(options.UpdateOptions, u => u.Surcharge),
        DeliveryModel.Service => Money.RoundedPercent(
            basePrice + MinOrZero(options.ServicePackages, p => p.Price),
            options.Timelines is { Count: > 0 } timelines ? timelines.Min(t => t.PriceFactorPercent) : 100),
    };

    /// <summary>The billing cycle a from-price is quoted per; only SaaS is recurring.</summary>
    public static string? BillingCycle(DeliveryModel model) => model == DeliveryModel.Saas ? "monthly" : null;

    private static long MinOrZero<T>(IReadOnlyList<T>? items, Func<T, long> price) =>
        items is { Count: > 0 } ? items.Min(price) : 0;
}
