using System.Text.Json;
using CsCheck;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Checkout.Pricing;
using Vozex.Web.Platform;

namespace Vozex.UnitTests.Checkout;

/// <summary>Laws of SPEC §4 over generated products (any prices the catalog validator accepts) and valid configurations.</summary>
public sealed class PricingPropertyTests
{
    internal sealed record Case(Product Product, ItemConfiguration Configuration)
    {
        public override string ToString() =>
            $"{Product.ProductType} base {Product.BasePrice} {JsonSerializer.Serialize(Product.Options, TestProducts.Json)} "
            + JsonSerializer.Serialize(Configuration, TestProducts.Json);
    }

    private static Gen<Case> Saas(Gen<int> monthlyDiscount, Gen<int> annualDiscount) =>
        from basePrice in Gen.Long[0, 100_000]
        from plans in Gen.Long[0, 1_000_000].Array[1, 4]
        from addOns in Gen.Long[0, 100_000].Array[0, 6]
        from monthly in monthlyDiscount
        from quarterly in Gen.Int[0, 99]
        from annual in annualDiscount
        from plan in Gen.Int[0, plans.Length - 1]
        from chosen in Gen.Bool.Array[addOns.Length]
        from cycle in Gen.OneOf("monthly", "quarterly", "annual")
        select new Case(
            TestProducts.Make("pos_retail", basePrice, new ProductOptions
            {
                PricingPlans = plans.Select((price, i) => new PricingPlan($"plan{i}", $"Plan {i}", price, [], new Dictionary<string, int>())).ToList(),
                AvailableFeatures = addOns.Select((price, i) => new AddOnFeature($"addon{i}", $"Add-on {i}", price)).ToList(),
                BillingCycles = [new("monthly", 1, monthly), new("quarterly", 3, quarterly), new("annual", 12, annual)],
            }),
            new SaasConfiguration($"plan{plan}", Enumerable.Range(0, addOns.Length).Where(i => chosen[i]).Select(i => $"addon{i}").ToList(), cycle, null, null));

    private static readonly Gen<Case> SaasCase = Saas(Gen.Int[0, 99], Gen.Int[0, 99]);

    private static readonly Gen<Case> SelfHostedCase =
        from basePrice in Gen.Long[0, 100_000]
        from licenses in Gen.Long[0, 10_000_000].Array[1, 4]
        from support in Gen.Long[0, 100_000].Array[1, 3]
        from oneYear in Gen.Long[0, 100_000]
        from lifetime in Gen.Long[0, 1_000_000]
        from license in Gen.Int[0, licenses.Length - 1]
        from plan in Gen.Int[0, support.Length - 1]
        from updates in Gen.OneOf("1_year", "lifetime")
        select new Case(
            TestProducts.Make("security_tools", basePrice, new ProductOptions
            {
                LicenseTypes = licenses.Select((price, i) => new LicenseTypeOption($"license{i}", $"License {i}", price, "", 1)).ToList(),
                SupportPlans = support.Select((price, i) => new SupportPlanOption($"support{i}", $"Support {i}", price)).ToList(),
                UpdateOptions = [new("1_year", "1 year of updates", oneYear), new("lifetime", "Lifetime updates", lifetime)],
            }),
            new SelfHostedConfiguration($"license{license}", $"support{plan}", updates));

    private static readonly Gen<Case> ServiceCase =
        from basePrice in Gen.Long[0, 100_000]
        from packages in Gen.Select(Gen.Long[0, 10_000_000], Gen.Int[1, 365]).Array[1, 4]
        from timelines in Gen.Select(Gen.Int[1, 300], Gen.Int[1, 300]).Array[1, 4]
        from package in Gen.Int[0, packages.Length - 1]
        from timeline in Gen.Int[0, timelines.Length - 1]
        from requirements in Gen.String[1, 100].Where(s => s.Trim().Length > 0)
        select new Case(
            TestProducts.Make("web_development", basePrice, new ProductOptions
            {
                ServicePackages = packages.Select((p, i) => new ServicePackage($"package{i}", $"Package {i}", p.Item1, "", p.Item2)).ToList(),
                Timelines = timelines.Select((t, i) => new TimelineOption($"timeline{i}", $"Timeline {i}", t.Item1, t.Item2)).ToList(),
                RequiredSkills = ["react"],
            }),
            new ServiceConfiguration($"package{package}", requirements.Trim(), $"timeline{timeline}"));

    private static readonly Gen<Case> AnyCase = Gen.OneOf(SaasCase, SelfHostedCase, ServiceCase);

    private static string Serialize(ItemQuote quote) => JsonSerializer.Serialize(quote, TestProducts.Json);

    [Fact]
    public void Generated_products_are_ones_the_catalog_accepts() =>
        AnyCase.Sample(c => ProductOptionsValidator.Validate(c.Product.Type, c.Product.BasePrice, c.Product.Options).Count == 0);

    [Fact]
    public void Total_is_the_sum_of_the_lines_less_the_discount() =>
        AnyCase.Sample(c =>
        {
            var quote = PricingEngine.Price(c.Product, c.Configuration);
            var sum = quote.Lines.Aggregate(Money.Zero(c.Product.Currency), (total, line) => total + line.Amount);
            return quote.Subtotal == sum && quote.Total == sum - quote.Discount && quote.Discount.Amount >= 0;
        });

    [Fact]
    public void Total_is_never_negative() =>
        AnyCase.Sample(c => PricingEngine.Price(c.Product, c.Configuration).Total.Amount >= 0);

    [Fact]
    public void The_same_input_gives_the_same_quote_also_after_a_round_trip_through_json() =>
        AnyCase.Sample(c =>
        {
            var first = Serialize(PricingEngine.Price(c.Product, c.Configuration));
            var second = Serialize(PricingEngine.Price(c.Product, c.Configuration));

            var json = JsonSerializer.SerializeToElement(c.Configuration, TestProducts.Json);
            var errors = new ValidationErrors();
            var parsed = ConfigurationParser.Parse(c.Product, json, "items[0].configuration", errors);
            return first == second && parsed is not null && Serialize(PricingEngine.Price(c.Product, parsed)) == first;
        });

    [Fact]
    public void Only_saas_is_recurring_and_renews_at_its_total() =>
        AnyCase.Sample(c =>
        {
            var quote = PricingEngine.Price(c.Product, c.Configuration);
            return c.Configuration is SaasConfiguration
                ? quote.Recurring && quote.NextRenewalAmount == quote.Total && quote.BillingCycle is not null
                : !quote.Recurring && quote.NextRenewalAmount is null && quote.BillingCycle is null && quote.Discount.Amount == 0;
        });

    /// <summary>
    /// "Annual / 12 &lt; monthly" compared without dividing: annual &lt; 12 × monthly. It is strict only when the discount
    /// is worth at least half a minor unit (12·M·d ≥ 50), since a smaller one rounds to nothing; it is never more.
    /// </summary>
    [Fact]
    public void An_annual_discount_makes_a_year_cheaper_than_twelve_monthly_payments() =>
        Saas(Gen.Const(0), Gen.Int[1, 99]).Sample(c =>
        {
            var saas = (SaasConfiguration)c.Configuration;
            var monthly = PricingEngine.Price(c.Product, saas with { BillingCycle = "monthly" }).Total.Amount;
            var annual = PricingEngine.Price(c.Product, saas with { BillingCycle = "annual" }).Total.Amount;
            var discountPercent = c.Product.Options.BillingCycles!.Single(x => x.Id == "annual").DiscountPercent;
            var discountWorthHalfAUnit = 12 * monthly * discountPercent >= 50;
            return annual <= 12 * monthly && (!discountWorthHalfAUnit || annual < 12 * monthly);
        });

    [Fact]
    public void Saas_charges_months_times_the_monthly_price_less_one_rounded_discount() =>
        SaasCase.Sample(c =>
        {
            var saas = (SaasConfiguration)c.Configuration;
            var o = c.Product.Options;
            var cycle = o.BillingCycles!.Single(x => x.Id == saas.BillingCycle);
            var perMonth = c.Product.BasePrice + o.PricingPlans!.Single(p => p.Id == saas.Plan).MonthlyPrice
                + saas.Features.Sum(f => o.AvailableFeatures!.Single(a => a.Id == f).MonthlyPrice);
            var subtotal = perMonth * cycle.Months;
            return PricingEngine.Price(c.Product, saas).Total.Amount == subtotal - Money.RoundedPercent(subtotal, cycle.DiscountPercent);
        });

    [Fact]
    public void Service_price_and_duration_scale_by_the_timeline_factors() =>
        ServiceCase.Sample(c =>
        {
            var service = (ServiceConfiguration)c.Configuration;
            var package = c.Product.Options.ServicePackages!.Single(p => p.Id == service.Package);
            var timeline = c.Product.Options.Timelines!.Single(t => t.Id == service.Timeline);
            var quote = PricingEngine.Price(c.Product, service);
            return quote.Total.Amount == Money.RoundedPercent(c.Product.BasePrice + package.Price, timeline.PriceFactorPercent)
                && quote.EstimatedDuration == TimeSpan.FromHours(Money.RoundedPercent(package.DurationDays * 24L, timeline.DurationFactorPercent))
                && quote.EstimatedDuration >= TimeSpan.Zero;
        });
}
