using Vozex.Web.Modules.Catalog.Domain;

namespace Vozex.UnitTests.Catalog;

public sealed class ProductOptionsValidatorTests
{
    private static readonly ProductType Saas = ProductTypeRegistry.Find("pos_retail")!;
    private static readonly ProductType SelfHosted = ProductTypeRegistry.Find("security_tools")!;
    private static readonly ProductType Service = ProductTypeRegistry.Find("web_development")!;

    internal static ProductOptions ValidSaas() => new()
    {
        PricingPlans = [new("basic", "Basic", 2_900, ["1 register"], new Dictionary<string, int> { ["registers"] = 1 })],
        AvailableFeatures = [new("loyalty", "Loyalty", 900)],
        BillingCycles = OptionDefaults.BillingCycles,
    };

    internal static ProductOptions ValidSelfHosted() => new()
    {
        LicenseTypes = [new("standard", "Standard", 19_900, "One server", 1)],
        SupportPlans = OptionDefaults.SupportPlans,
        UpdateOptions = [new("1_year", "1 year", 0), new("lifetime", "Lifetime", 9_900)],
    };

    internal static ProductOptions ValidService() => new()
    {
        ServicePackages = [new("starter", "Starter", 99_900, "Five pages", 14)],
        Timelines = OptionDefaults.Timelines,
        RequiredSkills = ["react"],
    };

    [Fact]
    public void Complete_option_sets_of_each_model_are_valid()
    {
        Assert.Empty(ProductOptionsValidator.Validate(Saas, 0, ValidSaas()));
        Assert.Empty(ProductOptionsValidator.Validate(SelfHosted, 0, ValidSelfHosted()));
        Assert.Empty(ProductOptionsValidator.Validate(Service, 0, ValidService()));
    }

    [Fact]
    public void Saas_without_plans_names_pricing_plans()
    {
        var errors = ProductOptionsValidator.Validate(Saas, 0, ValidSaas() with { PricingPlans = [] });
        Assert.Equal(["pricing_plans"], errors.Keys);
    }

    [Fact]
    public void Duplicate_plan_ids_and_negative_prices_are_reported_per_field()
    {
        var plan = new PricingPlan("basic", "Basic", -1, [], new Dictionary<string, int>());
        var errors = ProductOptionsValidator.Validate(Saas, 0, ValidSaas() with { PricingPlans = [plan, plan] });

        Assert.Contains("pricing_plans[1].id", errors.Keys);
        Assert.Contains("pricing_plans[0].monthly_price", errors.Keys);
    }

    [Fact]
    public void Billing_cycle_must_be_known_with_its_month_count_and_a_discount_below_100()
    {
        var options = ValidSaas() with { BillingCycles = [new("weekly", 0, 0), new("annual", 6, 100)] };
        var errors = ProductOptionsValidator.Validate(Saas, 0, options);

        Assert.Contains("billing_cycles[0].id", errors.Keys);
        Assert.Contains("billing_cycles[1].months", errors.Keys);
        Assert.Contains("billing_cycles[1].discount_percent", errors.Keys);
    }

    [Fact]
    public void License_needs_at_least_one_activation_and_update_ids_are_1_year_or_lifetime()
    {
        var options = ValidSelfHosted() with
        {
            LicenseTypes = [new("site", "Site", 100, "x", 0)],
            UpdateOptions = [new("forever", "Forever", 0)],
        };
        var errors = ProductOptionsValidator.Validate(SelfHosted, 0, options);

        Assert.Contains("license_types[0].max_activations", errors.Keys);
        Assert.Contains("update_options[0].id", errors.Keys);
    }

    [Fact]
    public void Service_needs_skills_positive_durations_and_factors()
    {
        var options = ValidService() with
        {
            ServicePackages = [new("starter", "Starter", 100, "x", 0)],
            Timelines = [new("rush", "Rush", 0, 50)],
            RequiredSkills = [],
        };
        var errors = ProductOptionsValidator.Validate(Service, 0, options);

        Assert.Contains("service_packages[0].duration_days", errors.Keys);
        Assert.Contains("timelines[0].price_factor_percent", errors.Keys);
        Assert.Contains("required_skills", errors.Keys);
    }

    [Fact]
    public void Option_sets_of_another_model_are_rejected()
    {
        var errors = ProductOptionsValidator.Validate(Service, 0, ValidService() with { PricingPlans = ValidSaas().PricingPlans });
        Assert.Equal(["pricing_plans"], errors.Keys);
    }

    [Fact]
    public void Negative_base_price_is_rejected()
    {
        var errors = ProductOptionsValidator.Validate(Saas, -5, ValidSaas());
        Assert.Equal(["base_price"], errors.Keys);
    }
}
