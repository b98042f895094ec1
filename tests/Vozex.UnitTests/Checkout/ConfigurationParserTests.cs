using System.Text.Json;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Checkout.Pricing;

namespace Vozex.UnitTests.Checkout;

public sealed class ConfigurationParserTests
{
    private const string Path = "items[0].configuration";

    private static (ItemConfiguration? Configuration, Dictionary<string, string[]> Errors) Parse(Product product, string json)
    {
        var errors = new ValidationErrors();
        var configuration = ConfigurationParser.Parse(product, TestProducts.Parse(json), Path, errors);
        return (configuration, errors.ToDictionary());
    }

    private static Product ProductOf(string model) => model switch
    {
        "saas" => TestProducts.Saas(),
        "self_hosted" => TestProducts.SelfHosted(),
        _ => TestProducts.Service(),
    };

    [Theory]
    [InlineData("saas", """{"plan": "gold", "billing_cycle": "monthly"}""", "plan")]
    [InlineData("saas", """{"billing_cycle": "monthly"}""", "plan")]
    [InlineData("saas", """{"plan": null, "billing_cycle": "monthly"}""", "plan")]
    [InlineData("saas", """{"plan": 5, "billing_cycle": "monthly"}""", "plan")]
    [InlineData("saas", """{"plan": "Basic", "billing_cycle": "monthly"}""", "plan")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "weekly"}""", "billing_cycle")]
    [InlineData("saas", """{"plan": "basic"}""", "billing_cycle")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": ["annual"]}""", "billing_cycle")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "features": ["teleport"]}""", "features[0]")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "features": ["guest_loyalty", "guest_loyalty"]}""", "features[1]")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "features": ["guest_loyalty", 7]}""", "features[1]")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "features": "guest_loyalty"}""", "features")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "subdomain": "admin"}""", "subdomain")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "subdomain": "ab"}""", "subdomain")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "subdomain": "My-Shop"}""", "subdomain")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "subdomain": "-shop"}""", "subdomain")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "subdomain": 42}""", "subdomain")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "custom_domain": "not a domain"}""", "custom_domain")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "custom_domain": "localhost"}""", "custom_domain")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "custom_domain": "10.0.0.1"}""", "custom_domain")]
    [InlineData("saas", """{"plan": "basic", "billing_cycle": "monthly", "custom_domain": "-shop.example.com"}""", "custom_domain")]
    [InlineData("self_hosted", """{"license_type": "gold", "support_plan": "basic", "updates": "1_year"}""", "license_type")]
    [InlineData("self_hosted", """{"support_plan": "basic", "updates": "1_year"}""", "license_type")]
    [InlineData("self_hosted", """{"license_type": "standard", "support_plan": "premium", "updates": "1_year"}""", "support_plan")]
    [InlineData("self_hosted", """{"license_type": "standard", "updates": "1_year"}""", "support_plan")]
    [InlineData("self_hosted", """{"license_type": "standard", "support_plan": "basic", "updates": "forever"}""", "updates")]
    [InlineData("self_hosted", """{"license_type": "standard", "support_plan": "basic", "updates": true}""", "updates")]
    [InlineData("service", """{"package": "mega", "requirements": "A logo", "timeline": "standard"}""", "package")]
    [InlineData("service", """{"requirements": "A logo", "timeline": "standard"}""", "package")]
    [InlineData("service", """{"package": "starter", "requirements": "A logo", "timeline": "yesterday"}""", "timeline")]
    [InlineData("service", """{"package": "starter", "requirements": "A logo"}""", "timeline")]
    [InlineData("service", """{"package": "starter", "timeline": "rush"}""", "requirements")]
    [InlineData("service", """{"package": "starter", "requirements": "   ", "timeline": "rush"}""", "requirements")]
    [InlineData("service", """{"package": "starter", "requirements": 42, "timeline": "rush"}""", "requirements")]
    public void Each_wrong_field_is_reported_under_its_path_alone(string model, string json, string field)
    {
        var (configuration, errors) = Parse(ProductOf(model), json);

        Assert.Null(configuration);
        Assert.Equal([$"{Path}.{field}"], errors.Keys);
    }

    [Theory]
    [InlineData("\"saas\"")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("42")]
    public void A_configuration_that_is_not_an_object_is_reported_at_the_configuration(string json)
    {
        var (configuration, errors) = Parse(TestProducts.Saas(), json);
        Assert.Null(configuration);
        Assert.Equal([Path], errors.Keys);
    }

    [Fact]
    public void An_absent_configuration_is_required()
    {
        var errors = new ValidationErrors();
        Assert.Null(ConfigurationParser.Parse(TestProducts.Saas(), default, Path, errors));
        Assert.Equal([Path], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Requirements_longer_than_five_thousand_characters_are_refused()
    {
        var ok = JsonSerializer.Serialize(new { package = "starter", requirements = new string('x', 5_000), timeline = "rush" });
        var tooLong = JsonSerializer.Serialize(new { package = "starter", requirements = new string('x', 5_001), timeline = "rush" });

        Assert.IsType<ServiceConfiguration>(Parse(TestProducts.Service(), ok).Configuration);
        Assert.Equal([$"{Path}.requirements"], Parse(TestProducts.Service(), tooLong).Errors.Keys);
    }

    [Fact]
    public void A_billing_cycle_the_product_does_not_offer_is_refused_even_if_it_exists_elsewhere()
    {
        var saas = TestProducts.Saas();
        var annualOnly = TestProducts.Make("pos_restaurant", 0, saas.Options with { BillingCycles = [new("monthly", 1, 0), new("annual", 12, 20)] });

        var (_, errors) = Parse(annualOnly, """{"plan": "basic", "billing_cycle": "quarterly"}""");

        Assert.Equal([$"{Path}.billing_cycle"], errors.Keys);
        Assert.Contains("monthly, annual", errors[$"{Path}.billing_cycle"][0]);
    }

    [Fact]
    public void Several_wrong_fields_are_all_reported()
    {
        var (_, errors) = Parse(TestProducts.Saas(), """{"plan": "gold", "billing_cycle": "weekly", "features": ["x", "guest_loyalty", "y"]}""");
        Assert.Equal(
            [$"{Path}.billing_cycle", $"{Path}.features[0]", $"{Path}.features[2]", $"{Path}.plan"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Saas_configuration_is_normalized_and_unknown_keys_such_as_a_client_total_are_ignored()
    {
        var (configuration, errors) = Parse(TestProducts.Saas(),
            """{"plan": "professional", "billing_cycle": "annual", "features": ["online_ordering", "kitchen_display"], "subdomain": "  ", "custom_domain": " Shop.Example.COM. ", "total": 1}""");

        Assert.Empty(errors);
        var saas = Assert.IsType<SaasConfiguration>(configuration);
        Assert.Equal("professional", saas.Plan);
        Assert.Equal("annual", saas.BillingCycle);
        Assert.Equal(["online_ordering", "kitchen_display"], saas.Features);
        Assert.Null(saas.Subdomain);
        Assert.Equal("shop.example.com", saas.CustomDomain);
    }

    [Fact]
    public void Saas_features_may_be_left_out_and_a_subdomain_is_trimmed()
    {
        var saas = Assert.IsType<SaasConfiguration>(Parse(TestProducts.Saas(), """{"plan": "basic", "billing_cycle": "monthly", "subdomain": " my-bistro "}""").Configuration);
        Assert.Empty(saas.Features);
        Assert.Equal("my-bistro", saas.Subdomain);
        Assert.Null(saas.CustomDomain);
    }

    [Fact]
    public void Self_hosted_and_service_configurations_parse_to_their_types()
    {
        Assert.Equal(new SelfHostedConfiguration("professional", "priority", "lifetime"),
            Parse(TestProducts.SelfHosted(), """{"license_type": "professional", "support_plan": "priority", "updates": "lifetime"}""").Configuration);
        Assert.Equal(new ServiceConfiguration("starter", "Logo for a bakery", "rush"),
            Parse(TestProducts.Service(), """{"package": "starter", "requirements": "  Logo for a bakery\n", "timeline": "rush"}""").Configuration);
    }

    [Fact]
    public void A_saas_configuration_sent_for_a_service_names_the_service_fields()
    {
        var (_, errors) = Parse(TestProducts.Service(), """{"plan": "basic", "billing_cycle": "monthly"}""");
        Assert.Equal([$"{Path}.package", $"{Path}.requirements", $"{Path}.timeline"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_normalized_configuration_serializes_to_the_api_shape_and_parses_back_to_itself()
    {
        var saas = new SaasConfiguration("professional", ["kitchen_display"], "annual", "my-bistro", "shop.example.com");
        var json = JsonSerializer.Serialize<ItemConfiguration>(saas, TestProducts.Json);

        Assert.Equal("""{"delivery_model":"saas","plan":"professional","features":["kitchen_display"],"billing_cycle":"annual","subdomain":"my-bistro","custom_domain":"shop.example.com"}""", json);
        var again = Assert.IsType<SaasConfiguration>(Parse(TestProducts.Saas(), json).Configuration);
        Assert.Equal(json, JsonSerializer.Serialize<ItemConfiguration>(again, TestProducts.Json));
    }

    [Fact]
    public void A_snapshot_of_each_configuration_deserializes_to_its_type()
    {
        ItemConfiguration[] configurations =
        [
            new SaasConfiguration("basic", ["guest_loyalty"], "monthly", null, null),
            new SelfHostedConfiguration("standard", "basic", "1_year"),
            new ServiceConfiguration("starter", "A logo", "rush"),
        ];
        foreach (var configuration in configurations)
        {
            var json = JsonSerializer.Serialize(configuration, TestProducts.Json);
            var back = JsonSerializer.Deserialize<ItemConfiguration>(json, TestProducts.Json);
            Assert.IsType(configuration.GetType(), back);
            Assert.Equal(json, JsonSerializer.Serialize(back, TestProducts.Json));
        }
    }
}
