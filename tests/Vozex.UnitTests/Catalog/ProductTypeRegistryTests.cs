using Vozex.Web.Modules.Catalog.Domain;

namespace Vozex.UnitTests.Catalog;

public sealed class ProductTypeRegistryTests
{
    public static TheoryData<string, string, DeliveryModel, string> SpecTypes => new()
    {
        { "pos_restaurant", "Restaurant POS", DeliveryModel.Saas, "saas_products" },
        { "pos_retail", "Retail POS", DeliveryModel.Saas, "saas_products" },
        { "pos_service", "Service POS", DeliveryModel.Saas, "saas_products" },
        { "hotel_management", "Hotel Management", DeliveryModel.Saas, "saas_products" },
        { "salon_spa", "Salon & Spa", DeliveryModel.Saas, "saas_products" },
        { "gym_management", "Gym Management", DeliveryModel.Saas, "saas_products" },
        { "clinic_management", "Clinic Management", DeliveryModel.Saas, "saas_products" },
        { "restaurant_management", "Restaurant Management", DeliveryModel.Saas, "saas_products" },
        { "software_download", "Software Downloads", DeliveryModel.SelfHosted, "self_hosted" },
        { "development_tools", "Development Tools", DeliveryModel.SelfHosted, "self_hosted" },
        { "analytics_platform", "Analytics Platform", DeliveryModel.SelfHosted, "self_hosted" },
        { "security_tools", "Security Tools", DeliveryModel.SelfHosted, "self_hosted" },
        { "design_services", "Design Services", DeliveryModel.Service, "services" },
        { "mobile_development", "Mobile Development", DeliveryModel.Service, "services" },
        { "web_development", "Web Development", DeliveryModel.Service, "services" },
        { "technical_support", "Technical Support", DeliveryModel.Service, "services" },
    };

    [Theory]
    [MemberData(nameof(SpecTypes))]
    public void Every_spec_type_exists_with_its_name_model_and_category(string id, string name, DeliveryModel model, string category)
    {
        var type = ProductTypeRegistry.Find(id);

        Assert.NotNull(type);
        Assert.Equal(name, type.Name);
        Assert.Equal(model, type.Model);
        Assert.Equal(category, type.CategoryId);
        Assert.False(string.IsNullOrWhiteSpace(type.Icon));
        Assert.False(string.IsNullOrWhiteSpace(type.Description));
        Assert.NotEmpty(type.Features);
    }

    [Fact]
    public void Registry_holds_exactly_the_sixteen_types_with_unique_ids()
    {
        Assert.Equal(16, ProductTypeRegistry.All.Count);
        Assert.Equal(16, ProductTypeRegistry.All.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void Categories_are_the_three_of_the_spec_and_every_saas_type_is_listed_in_its_category()
    {
        Assert.Equal(["saas_products", "self_hosted", "services"], ProductTypeRegistry.Categories.Select(c => c.Id));
        Assert.Equal(8, ProductTypeRegistry.InCategory("saas_products").Count());
        Assert.Equal(4, ProductTypeRegistry.InCategory("self_hosted").Count());
        Assert.Equal(4, ProductTypeRegistry.InCategory("services").Count());
        Assert.All(ProductTypeRegistry.Categories, c => Assert.All(ProductTypeRegistry.InCategory(c.Id), t => Assert.Equal(c.Model, t.Model)));
    }

    [Theory]
    [InlineData(DeliveryModel.Saas, "saas", "saas_tenant_provisioning")]
    [InlineData(DeliveryModel.SelfHosted, "self_hosted", "self_hosted_license")]
    [InlineData(DeliveryModel.Service, "service", "service_fulfillment")]
    public void Delivery_models_name_their_fulfilment_driver(DeliveryModel model, string name, string driver)
    {
        Assert.Equal(name, DeliveryModels.Name(model));
        Assert.Equal(driver, DeliveryModels.FulfillmentDriver(model));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("POS_RESTAURANT")]
    [InlineData("unknown")]
    public void Unknown_ids_are_not_found(string? id) => Assert.Null(ProductTypeRegistry.Find(id));
}
