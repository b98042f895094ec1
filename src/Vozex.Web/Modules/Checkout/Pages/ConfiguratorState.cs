using System.Text.Json;
using System.Text.Json.Nodes;
using Vozex.Web.Modules.Catalog.Browse;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Checkout.Pricing;

namespace Vozex.Web.Modules.Checkout.Pages;

/// <summary>
/// What the configurator form holds, by the names its fields post (<c>plan</c>, <c>features</c>, <c>billing_cycle</c>, ...,
/// the configuration keys of API.md). A plain serializable class: it is a parameter of the interactive island.
/// </summary>
public sealed class ConfiguratorState
{
    public string? Plan { get; set; }
    public List<string> Features { get; set; } = [];
    public string? BillingCycle { get; set; }
    public string? Subdomain { get; set; }
    public string? CustomDomain { get; set; }
    public string? LicenseType { get; set; }
    public string? SupportPlan { get; set; }
    public string? Updates { get; set; }
    public string? Package { get; set; }
    public string? Requirements { get; set; }
    public string? Timeline { get; set; }

    public static ConfiguratorState From(ItemConfiguration? configuration) => configuration switch
    {
        SaasConfiguration c => new() { Plan = c.Plan, Features = [.. c.Features], BillingCycle = c.BillingCycle, Subdomain = c.Subdomain, CustomDomain = c.CustomDomain },
        SelfHostedConfiguration c => new() { LicenseType = c.LicenseType, SupportPlan = c.SupportPlan, Updates = c.Updates },
        ServiceConfiguration c => new() { Package = c.Package, Requirements = c.Requirements, Timeline = c.Timeline },
        _ => new(),
    };

    public static ConfiguratorState FromForm(IFormCollection form)
    {
        static string? One(IFormCollection form, string key) => form.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;
        return new()
        {
            Plan = One(form, "plan"),
            Features = form.TryGetValue("features", out var features) ? features.OfType<string>().Where(f => f.Length > 0).ToList() : [],
            BillingCycle = One(form, "billing_cycle"),
            Subdomain = One(form, "subdomain"),
            CustomDomain = One(form, "custom_domain"),
            LicenseType = One(form, "license_type"),
            SupportPlan = One(form, "support_plan"),
            Updates = One(form, "updates"),
            Package = One(form, "package"),
            Requirements = One(form, "requirements"),
            Timeline = One(form, "timeline"),
        };
    }

    /// <summary>Fills every unchosen single choice with the product's first option (monthly billing and the standard timeline when offered).</summary>
    public ConfiguratorState WithDefaults(ProductDetails product)
    {
        Plan ??= product.PricingPlans?.FirstOrDefault()?.Id;
        BillingCycle ??= Prefer(Cycles(product).Select(c => c.Id).ToList(), "monthly");
        LicenseType ??= product.LicenseTypes?.FirstOrDefault()?.Id;
        SupportPlan ??= product.SupportPlans?.FirstOrDefault()?.Id;
        Updates ??= product.UpdateOptions?.FirstOrDefault()?.Id;
        Package ??= product.ServicePackages?.FirstOrDefault()?.Id;
        Timeline ??= Prefer(Timelines(product).Select(t => t.Id).ToList(), "standard");
        return this;
    }

    /// <summary>The configuration object the quote service and the cart read, for the product's delivery model.</summary>
    public JsonElement ToConfiguration(string deliveryModel, string? requirementsFallback = null)
    {
        var o = new JsonObject();
        switch (deliveryModel)
        {
            case "saas":
                Put(o, "plan", Plan);
                o["features"] = new JsonArray(Features.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
                Put(o, "billing_cycle", BillingCycle);
                Put(o, "subdomain", Subdomain?.ToLowerInvariant());
                Put(o, "custom_domain", CustomDomain);
                break;
            case "self_hosted":
                Put(o, "license_type", LicenseType);
                Put(o, "support_plan", SupportPlan);
                Put(o, "updates", Updates);
                break;
            case "service":
                Put(o, "package", Package);
                Put(o, "requirements", string.IsNullOrWhiteSpace(Requirements) ? requirementsFallback : Requirements);
                Put(o, "timeline", Timeline);
                break;
        }
        return JsonSerializer.SerializeToElement(o);
    }

    public static IReadOnlyList<BillingCycleView> Cycles(ProductDetails product) =>
        product.BillingCycles ?? OptionDefaults.BillingCycles.Select(c => new BillingCycleView(c.Id, c.Months, c.DiscountPercent)).ToList();

    public static IReadOnlyList<TimelineView> Timelines(ProductDetails product) =>
        product.Timelines ?? OptionDefaults.Timelines.Select(t => new TimelineView(t.Id, t.Name, t.PriceFactorPercent, t.DurationFactorPercent)).ToList();

    private static string? Prefer(IReadOnlyList<string> ids, string preferred) => ids.Contains(preferred) ? preferred : ids.FirstOrDefault();

    private static void Put(JsonObject o, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) o[key] = value.Trim();
    }
}
