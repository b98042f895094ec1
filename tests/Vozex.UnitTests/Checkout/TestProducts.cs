using System.Text.Json;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform.Http;

namespace Vozex.UnitTests.Checkout;

/// <summary>Products built in memory, as the catalog stores them, for pricing tests.</summary>
internal static class TestProducts
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public static Product Make(string type, long basePrice, ProductOptions options, string slug = "test-product", string currency = "USD")
    {
        var product = new Product
        {
            Slug = slug,
            Name = "Test " + slug,
            Description = "A product for tests.",
            BasePrice = basePrice,
            Currency = currency,
            Status = ProductStatus.Active,
        };
        product.Configure(ProductTypeRegistry.Find(type)!, options);
        return product;
    }

    /// <summary>A restaurant POS: professional plan 129.00/month, add-ons 19.00 and 29.00, quarterly −5%, annual −20%.</summary>
    public static Product Saas(long basePrice = 1_010) => Make("pos_restaurant", basePrice, new ProductOptions
    {
        PricingPlans =
        [
            new("basic", "Basic", 6_900, ["Floor plan"], new Dictionary<string, int> { ["users"] = 5 }),
            new("professional", "Professional", 12_900, ["Kitchen routing"], new Dictionary<string, int> { ["users"] = 25 }),
            new("free", "Free", 0, [], new Dictionary<string, int>()),
        ],
        AvailableFeatures =
        [
            new("kitchen_display", "Kitchen Display System", 1_900),
            new("online_ordering", "Online Ordering", 2_900),
            new("guest_loyalty", "Guest Loyalty", 1_500),
        ],
        BillingCycles = [new("monthly", 1, 0), new("quarterly", 3, 5), new("annual", 12, 20)],
    }, "tablepoint");

    public static Product SelfHosted(long basePrice = 0) => Make("software_download", basePrice, new ProductOptions
    {
        LicenseTypes =
        [
            new("standard", "Standard", 7_900, "Two servers", 2),
            new("professional", "Professional", 19_900, "Five servers", 5),
        ],
        SupportPlans = OptionDefaults.SupportPlans,
        UpdateOptions = [new("1_year", "1 year of updates", 0), new("lifetime", "Lifetime updates", 14_900)],
    }, "vaultkeep");

    /// <summary>A design service: base 10.00, "Brand Identity" 799.01 over 10 days, the default timelines plus a cheaper relaxed one.</summary>
    public static Product Service(long basePrice = 1_000) => Make("design_services", basePrice, new ProductOptions
    {
        ServicePackages =
        [
            new("starter", "Logo Starter", 29_900, "Two concepts", 5),
            new("standard", "Brand Identity", 79_901, "Logo and identity", 10),
        ],
        Timelines = [.. OptionDefaults.Timelines, new TimelineOption("relaxed", "Relaxed", 90, 150)],
        RequiredSkills = ["branding"],
    }, "brandcraft");

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        HttpPlatform.ConfigureJson(options);
        return options;
    }
}
