using Vozex.Web.Modules.Checkout.Pricing;
using Vozex.Web.Platform;

namespace Vozex.UnitTests.Checkout;

public sealed class PricingEngineTests
{
    private static (string Label, long Amount)[] Lines(ItemQuote quote) => quote.Lines.Select(l => (l.Label, l.Amount.Amount)).ToArray();

    private static Money Usd(long amount) => new(amount, "USD");

    private static readonly SaasConfiguration TwoAddOns = new("professional", ["kitchen_display", "online_ordering"], "monthly", "tablepoint-demo", null);

    [Fact]
    public void Saas_monthly_charges_base_plan_and_each_add_on_for_one_month()
    {
        var quote = PricingEngine.Price(TestProducts.Saas(), TwoAddOns);

        Assert.Equal(
            [
                ("Base fee × 1 month", 1_010),
                ("Professional plan × 1 month", 12_900),
                ("Kitchen Display System add-on × 1 month", 1_900),
                ("Online Ordering add-on × 1 month", 2_900),
            ],
            Lines(quote));
        Assert.Equal(Usd(18_710), quote.Subtotal);
        Assert.Equal(Usd(0), quote.Discount);
        Assert.Null(quote.DiscountLabel);
        Assert.Equal(Usd(18_710), quote.Total);
        Assert.Equal("monthly", quote.BillingCycle);
        Assert.Equal(1, quote.BillingCycleMonths);
        Assert.True(quote.Recurring);
        Assert.Equal(Usd(18_710), quote.NextRenewalAmount);
        Assert.Null(quote.EstimatedDuration);
        Assert.Equal("saas", quote.DeliveryModel);
        Assert.Equal("pos_restaurant", quote.ProductType);
        Assert.Same(TwoAddOns, quote.Configuration);
    }

    [Fact]
    public void Saas_quarterly_discount_is_one_percentage_of_the_subtotal_rounded_half_away_from_zero()
    {
        var quote = PricingEngine.Price(TestProducts.Saas(), TwoAddOns with { BillingCycle = "quarterly" });

        Assert.Equal(
            [
                ("Base fee × 3 months", 3_030),
                ("Professional plan × 3 months", 38_700),
                ("Kitchen Display System add-on × 3 months", 5_700),
                ("Online Ordering add-on × 3 months", 8_700),
            ],
            Lines(quote));
        Assert.Equal(Usd(56_130), quote.Subtotal);
        Assert.Equal(Usd(2_807), quote.Discount); // 5% of 56,130 = 2,806.5 → 2,807
        Assert.Equal("Quarterly billing discount (5%)", quote.DiscountLabel);
        Assert.Equal(Usd(53_323), quote.Total);
        Assert.Equal(Usd(53_323), quote.NextRenewalAmount);
        Assert.Equal(3, quote.BillingCycleMonths);
    }

    [Fact]
    public void Saas_annual_charges_twelve_months_less_the_annual_discount()
    {
        var quote = PricingEngine.Price(TestProducts.Saas(), TwoAddOns with { BillingCycle = "annual" });

        Assert.Equal(
            [
                ("Base fee × 12 months", 12_120),
                ("Professional plan × 12 months", 154_800),
                ("Kitchen Display System add-on × 12 months", 22_800),
                ("Online Ordering add-on × 12 months", 34_800),
            ],
            Lines(quote));
        Assert.Equal(Usd(224_520), quote.Subtotal);
        Assert.Equal(Usd(44_904), quote.Discount);
        Assert.Equal("Annual billing discount (20%)", quote.DiscountLabel);
        Assert.Equal(Usd(179_616), quote.Total);
        Assert.Equal(Usd(179_616), quote.NextRenewalAmount);
        Assert.Equal("annual", quote.BillingCycle);
    }

    [Fact]
    public void Saas_without_a_base_price_has_no_base_line_but_keeps_a_free_plan_line()
    {
        var quote = PricingEngine.Price(TestProducts.Saas(basePrice: 0), new SaasConfiguration("free", [], "monthly", null, null));

        Assert.Equal([("Free plan × 1 month", 0)], Lines(quote));
        Assert.Equal(Usd(0), quote.Total);
        Assert.Equal(Usd(0), quote.NextRenewalAmount);
    }

    [Fact]
    public void Self_hosted_basic_support_with_lifetime_updates()
    {
        var quote = PricingEngine.Price(TestProducts.SelfHosted(), new SelfHostedConfiguration("professional", "basic", "lifetime"));

        Assert.Equal(
            [
                ("Professional license", 19_900),
                ("Basic Support (first year)", 5_000),
                ("Lifetime updates", 14_900),
            ],
            Lines(quote));
        Assert.Equal(Usd(39_800), quote.Subtotal);
        Assert.Equal(Usd(0), quote.Discount);
        Assert.Equal(Usd(39_800), quote.Total);
        Assert.False(quote.Recurring);
        Assert.Null(quote.BillingCycle);
        Assert.Null(quote.NextRenewalAmount);
        Assert.Null(quote.EstimatedCompletion(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Self_hosted_priority_support_keeps_the_free_update_option_line_and_a_non_zero_base()
    {
        var quote = PricingEngine.Price(TestProducts.SelfHosted(basePrice: 500), new SelfHostedConfiguration("standard", "priority", "1_year"));

        Assert.Equal(
            [
                ("Base price", 500),
                ("Standard license", 7_900),
                ("Priority Support (first year)", 15_000),
                ("1 year of updates", 0),
            ],
            Lines(quote));
        Assert.Equal(Usd(23_400), quote.Total);
    }

    [Fact]
    public void Self_hosted_priority_support_with_lifetime_updates()
    {
        var quote = PricingEngine.Price(TestProducts.SelfHosted(), new SelfHostedConfiguration("professional", "priority", "lifetime"));
        Assert.Equal(Usd(19_900 + 15_000 + 14_900), quote.Total);
    }

    [Fact]
    public void Service_standard_timeline_adds_no_line_and_keeps_the_package_duration()
    {
        var quote = PricingEngine.Price(TestProducts.Service(), new ServiceConfiguration("standard", "A logo", "standard"));

        Assert.Equal([("Base price", 1_000), ("Brand Identity package", 79_901)], Lines(quote));
        Assert.Equal(Usd(80_901), quote.Total);
        Assert.Equal(Usd(0), quote.Discount);
        Assert.Equal(TimeSpan.FromDays(10), quote.EstimatedDuration);
        Assert.False(quote.Recurring);
        Assert.Null(quote.NextRenewalAmount);
    }

    [Fact]
    public void Service_expedited_surcharge_line_makes_the_lines_add_up_to_the_rounded_total()
    {
        var quote = PricingEngine.Price(TestProducts.Service(), new ServiceConfiguration("standard", "A logo", "expedited"));

        // 80,901 × 1.25 = 101,126.25 → 101,126
        Assert.Equal([("Base price", 1_000), ("Brand Identity package", 79_901), ("Expedited timeline (+25%)", 20_225)], Lines(quote));
        Assert.Equal(Usd(101_126), quote.Total);
        Assert.Equal(TimeSpan.FromHours(180), quote.EstimatedDuration); // 10 days × 0.75
    }

    [Fact]
    public void Service_rush_rounds_the_half_minor_unit_away_from_zero_and_halves_the_duration()
    {
        var quote = PricingEngine.Price(TestProducts.Service(), new ServiceConfiguration("standard", "A logo", "rush"));

        // 80,901 × 1.5 = 121,351.5 → 121,352
        Assert.Equal([("Base price", 1_000), ("Brand Identity package", 79_901), ("Rush timeline (+50%)", 40_451)], Lines(quote));
        Assert.Equal(Usd(121_352), quote.Total);
        Assert.Equal(TimeSpan.FromDays(5), quote.EstimatedDuration);
    }

    [Fact]
    public void Service_timeline_cheaper_than_standard_is_a_negative_line_and_never_a_negative_total()
    {
        var quote = PricingEngine.Price(TestProducts.Service(), new ServiceConfiguration("standard", "A logo", "relaxed"));

        // 80,901 × 0.9 = 72,810.9 → 72,811
        Assert.Equal(("Relaxed timeline (-10%)", -8_090L), Lines(quote)[^1]);
        Assert.Equal(Usd(72_811), quote.Total);
        Assert.Equal(TimeSpan.FromDays(15), quote.EstimatedDuration);
    }

    [Fact]
    public void Service_estimated_completion_is_paid_time_plus_the_scaled_duration_in_hours()
    {
        var expedited = PricingEngine.Price(TestProducts.Service(), new ServiceConfiguration("starter", "A logo", "expedited"));
        var paidAt = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

        // 5 days × 0.75 = 3.75 days = 90 hours: kept in hours rather than rounded to 4 days.
        Assert.Equal(TimeSpan.FromHours(90), expedited.EstimatedDuration);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 4, 0, 0, TimeSpan.Zero), expedited.EstimatedCompletion(paidAt));
    }

    [Fact]
    public void A_configuration_of_another_delivery_model_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PricingEngine.Price(TestProducts.Service(), new SelfHostedConfiguration("standard", "basic", "1_year")));
    }

    [Fact]
    public void Combining_items_adds_subtotals_discounts_and_totals()
    {
        var saas = PricingEngine.Price(TestProducts.Saas(), TwoAddOns with { BillingCycle = "annual" });
        var selfHosted = PricingEngine.Price(TestProducts.SelfHosted(), new SelfHostedConfiguration("professional", "basic", "lifetime"));
        var service = PricingEngine.Price(TestProducts.Service(), new ServiceConfiguration("standard", "A logo", "rush"));

        var quote = PricingEngine.Combine([saas, selfHosted, service]);

        Assert.Equal(Usd(224_520 + 39_800 + 121_352), quote.Subtotal);
        Assert.Equal(Usd(44_904), quote.Discount);
        Assert.Equal(Usd(179_616 + 39_800 + 121_352), quote.Total);
        Assert.Equal("USD", quote.Currency);
    }

    [Fact]
    public void Combining_items_in_different_currencies_is_refused()
    {
        var usd = PricingEngine.Price(TestProducts.SelfHosted(), new SelfHostedConfiguration("standard", "basic", "1_year"));
        var eur = PricingEngine.Price(
            TestProducts.Make("software_download", 0, TestProducts.SelfHosted().Options, currency: "EUR"),
            new SelfHostedConfiguration("standard", "basic", "1_year"));
        Assert.Throws<InvalidOperationException>(() => PricingEngine.Combine([usd, eur]));
    }
}
