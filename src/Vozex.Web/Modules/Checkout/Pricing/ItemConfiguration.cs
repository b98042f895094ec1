using System.Text.Json.Serialization;

namespace Vozex.Web.Modules.Checkout.Pricing;

/// <summary>
/// What a customer chose for one item, validated against the product and normalized (ids as the catalog
/// spells them, optional text trimmed, empty → null). Serialized it is the snake_case shape of API.md led by
/// <c>delivery_model</c>, so an order item can snapshot it as JSON and read it back with
/// <c>JsonSerializer.Deserialize&lt;ItemConfiguration&gt;</c>; <see cref="ConfigurationParser"/> accepts it as input too.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "delivery_model")]
[JsonDerivedType(typeof(SaasConfiguration), "saas")]
[JsonDerivedType(typeof(SelfHostedConfiguration), "self_hosted")]
[JsonDerivedType(typeof(ServiceConfiguration), "service")]
public abstract record ItemConfiguration;

/// <summary>
/// A SaaS subscription. <paramref name="Subdomain"/> is null when the customer left it to be derived at
/// checkout; it has passed <see cref="Subdomains.SubdomainRules"/> but its uniqueness is checked only at checkout.
/// </summary>
public sealed record SaasConfiguration(
    string Plan,
    IReadOnlyList<string> Features,
    string BillingCycle,
    string? Subdomain,
    string? CustomDomain) : ItemConfiguration;

public sealed record SelfHostedConfiguration(string LicenseType, string SupportPlan, string Updates) : ItemConfiguration;

public sealed record ServiceConfiguration(string Package, string Requirements, string Timeline) : ItemConfiguration;
