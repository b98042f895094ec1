using System.Globalization;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Checkout.Pricing;

/// <summary>
/// SPEC §4, the only place prices are computed. Pure: a product and a configuration that
/// <see cref="ConfigurationParser"/> accepted for it give the same quote every time.
/// </summary>
/// <remarks>
/// Conventions: every chosen option gets a line even when it costs nothing (the customer sees what they
/// chose, e.g. "1 year of updates"); the product's base price gets a line only when it is not zero, because
/// most products have none and a "Base price $0" line says nothing. Rounding is half away from zero and
/// happens once per item: the SaaS cycle discount is one percentage of the subtotal, the service timeline
/// factor one percentage of base + package, shown as its own line so the lines add up exactly.
/// </remarks>
internal static class PricingEngine
{
    public static ItemQuote Price(Product product, ItemConfiguration configuration)
    {
        var model = product.Type.Model;
        return (model, configuration) switch
        {
            (DeliveryModel.Saas, SaasConfiguration saas) => PriceSaas(product, saas),
            (DeliveryModel.SelfHosted, SelfHostedConfiguration selfHosted) => PriceSelfHosted(product, selfHosted),
            (DeliveryModel.Service, ServiceConfiguration service) => PriceService(product, service),
            _ => throw new ArgumentException(
                $"A {configuration.GetType().Name} cannot price the {DeliveryModels.Name(model)} product {product.Slug}.", nameof(configuration)),
        };
    }

    /// <summary>Adds up quotes that <see cref="Price"/> made; they must share one currency.</summary>
    public static Quote Combine(IReadOnlyList<ItemQuote> items)
    {
        if (items.Count == 0) throw new ArgumentException("A quote needs at least one item.", nameof(items));
        var currency = items[0].Currency;
        var subtotal = Money.Zero(currency);
        var discount = Money.Zero(currency);
        var total = Money.Zero(currency);
        foreach (var item in items)
        {
            subtotal += item.Subtotal;
            discount += item.Discount;
            total += item.Total;
        }
        return new Quote(items, subtotal, discount, total);
    }

    private static ItemQuote PriceSaas(Product product, SaasConfiguration c)
    {
        var options = product.Options;
        var plan = Find(options.PricingPlans, p => p.Id, c.Plan, product, "plan");
        var cycle = Find(SaasCycles(product), x => x.Id, c.BillingCycle, product, "billing cycle");
        var months = cycle.Months;
        var per = months == 1 ? "1 month" : Invariant($"{months} months");

        var lines = new List<PriceLine>();
        var money = new LineBuilder(product.Currency, lines);
        if (product.BasePrice != 0) money.Add(Invariant($"Base fee × {per}"), checked(product.BasePrice * months));
        money.Add(Invariant($"{plan.Name} plan × {per}"), checked(plan.MonthlyPrice * months));
        foreach (var id in c.Features)
        {
            var addOn = Find(options.AvailableFeatures, f => f.Id, id, product, "add-on");
            money.Add(Invariant($"{addOn.Name} add-on × {per}"), checked(addOn.MonthlyPrice * months));
        }

        var subtotal = money.Sum;
        var discount = new Money(Money.RoundedPercent(subtotal.Amount, cycle.DiscountPercent), product.Currency);
        var total = subtotal - discount;
        return Quote(product, c, lines, subtotal, discount, total, new PurchasedTerms { Plan = plan }) with
        {
            DiscountLabel = cycle.DiscountPercent == 0 ? null : Invariant($"{CycleName(cycle.Id)} billing discount ({cycle.DiscountPercent}%)"),
            BillingCycle = cycle.Id,
            BillingCycleMonths = months,
            Recurring = true,
            NextRenewalAmount = total,
        };
    }

    private static ItemQuote PriceSelfHosted(Product product, SelfHostedConfiguration c)
    {
        var options = product.Options;
        var license = Find(options.LicenseTypes, l => l.Id, c.LicenseType, product, "license type");
        var support = Find(options.SupportPlans, s => s.Id, c.SupportPlan, product, "support plan");
        var updates = Find(options.UpdateOptions, u => u.Id, c.Updates, product, "update option");

        var lines = new List<PriceLine>();
        var money = new LineBuilder(product.Currency, lines);
        if (product.BasePrice != 0) money.Add("Base price", product.BasePrice);
        money.Add(Invariant($"{license.Name} license"), license.Price);
        money.Add(Invariant($"{support.Name} (first year)"), support.PricePerYear);
        money.Add(updates.Name, updates.Surcharge);
        var subtotal = money.Sum;
        return Quote(product, c, lines, subtotal, Money.Zero(product.Currency), subtotal, new PurchasedTerms { LicenseType = license });
    }

    private static ItemQuote PriceService(Product product, ServiceConfiguration c)
    {
        var options = product.Options;
        var package = Find(options.ServicePackages, p => p.Id, c.Package, product, "package");
        var timeline = Find(ServiceTimelines(product), t => t.Id, c.Timeline, product, "timeline");

        var lines = new List<PriceLine>();
        var money = new LineBuilder(product.Currency, lines);
        if (product.BasePrice != 0) money.Add("Base price", product.BasePrice);
        money.Add(Invariant($"{package.Name} package"), package.Price);
        var beforeTimeline = money.Sum.Amount;
        var adjustment = Money.RoundedPercent(beforeTimeline, timeline.PriceFactorPercent) - beforeTimeline;
        if (adjustment != 0)
        {
            var change = timeline.PriceFactorPercent - 100;
            money.Add(Invariant($"{timeline.Name} timeline ({(change > 0 ? "+" : "")}{change}%)"), adjustment);
        }
        var subtotal = money.Sum;
        var terms = new PurchasedTerms { Package = package, Timeline = timeline, RequiredSkills = [.. options.RequiredSkills ?? []] };
        return Quote(product, c, lines, subtotal, Money.Zero(product.Currency), subtotal, terms) with
        {
            EstimatedDuration = TimeSpan.FromHours(Money.RoundedPercent(package.DurationDays * 24L, timeline.DurationFactorPercent)),
        };
    }

    /// <summary>The cycles a SaaS product offers; the SPEC §3 defaults when an older product stored none.</summary>
    internal static IReadOnlyList<BillingCycleOption> SaasCycles(Product product) => product.Options.BillingCycles ?? OptionDefaults.BillingCycles;

    /// <summary>The timelines a service offers; the SPEC §3 defaults when an older product stored none.</summary>
    internal static IReadOnlyList<TimelineOption> ServiceTimelines(Product product) => product.Options.Timelines ?? OptionDefaults.Timelines;

    private static ItemQuote Quote(Product product, ItemConfiguration configuration, List<PriceLine> lines, Money subtotal, Money discount, Money total,
        PurchasedTerms terms)
    {
        if (total.Amount < 0)
            throw new InvalidOperationException($"Product {product.Slug} prices to a negative total; its options break the catalog's invariants.");
        return new ItemQuote
        {
            ProductId = product.Id,
            ProductSlug = product.Slug,
            ProductName = product.Name,
            ProductType = product.ProductType,
            DeliveryModel = product.Type.DeliveryModelName,
            Currency = product.Currency,
            Configuration = configuration,
            Lines = lines,
            Subtotal = subtotal,
            Discount = discount,
            Total = total,
            Terms = terms,
        };
    }

    private static T Find<T>(IReadOnlyList<T>? options, Func<T, string> id, string wanted, Product product, string what) where T : class =>
        options?.FirstOrDefault(o => string.Equals(id(o), wanted, StringComparison.Ordinal))
        ?? throw new ArgumentException($"Product {product.Slug} has no {what} '{wanted}'; parse the configuration first.");

    private static string CycleName(string id) => id.Length == 0 ? id : char.ToUpperInvariant(id[0]) + id[1..];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class LineBuilder(string currency, List<PriceLine> lines)
    {
        public Money Sum { get; private set; } = Money.Zero(currency);

        public void Add(string label, long amount)
        {
            var money = new Money(amount, currency);
            lines.Add(new PriceLine(label, money));
            Sum += money;
        }
    }
}
