using Vozex.Web.Modules.Catalog.Domain;

namespace Vozex.UnitTests.Catalog;

public sealed class FromPriceTests
{
    [Fact]
    public void Saas_from_price_is_base_plus_the_cheapest_monthly_plan()
    {
        var options = ProductOptionsValidatorTests.ValidSaas() with
        {
            PricingPlans =
            [
                new("pro", "Pro", 7_900, [], new Dictionary<string, int>()),
                new("basic", "Basic", 2_900, [], new Dictionary<string, int>()),
            ],
        };
        Assert.Equal(1_000 + 2_900, FromPrice.Compute(DeliveryModel.Saas, 1_000, options));
        Assert.Equal("monthly", FromPrice.BillingCycle(DeliveryModel.Saas));
    }

    [Fact]
    public void Self_hosted_from_price_adds_cheapest_license_support_and_update_option()
    {
        // 19,900 license + 5,000 basic support + 0 for one year of updates.
        Assert.Equal(500 + 19_900 + 5_000, FromPrice.Compute(DeliveryModel.SelfHosted, 500, ProductOptionsValidatorTests.ValidSelfHosted()));
        Assert.Null(FromPrice.BillingCycle(DeliveryModel.SelfHosted));
    }

    [Fact]
    public void Service_from_price_applies_the_cheapest_timeline_factor_rounding_half_away_from_zero()
    {
        var options = ProductOptionsValidatorTests.ValidService() with
        {
            ServicePackages = [new("s", "S", 1_001, "x", 3)],
            Timelines = [new("expedited", "Expedited", 125, 75)],
        };
        // (1 + 1,001) × 1.25 = 1,252.5 → 1,253
        Assert.Equal(1_253, FromPrice.Compute(DeliveryModel.Service, 1, options));
    }
}
