using Vozex.Web.Modules.Catalog.Admin;
using Vozex.Web.Modules.Catalog.Domain;

namespace Vozex.UnitTests.Catalog;

public sealed class ProductFormTests
{
    [Fact]
    public void Amounts_typed_in_major_units_become_minor_units_and_ids_come_from_names()
    {
        var form = ProductForm.New(ProductTypeRegistry.Find("pos_retail")!);
        form.Name = "Till";
        form.BasePrice = "$10";
        form.Plans[0].Name = "Pro Plan";
        form.Plans[0].MonthlyPrice = "49.95";
        form.Plans[0].Features = "Inventory tracking,  Barcode scanning ,";
        form.Plans[0].Limits = "users=5, locations=2";

        var (write, errors) = form.ToWrite(DeliveryModel.Saas);

        Assert.Empty(errors);
        Assert.Equal(1_000, write.BasePrice);
        var plan = write.PricingPlans![0]!;
        Assert.Equal("pro_plan", plan.Id);
        Assert.Equal(4_995, plan.MonthlyPrice);
        Assert.Equal(["Inventory tracking", "Barcode scanning"], plan.Features!.Select(f => f!).ToArray());
        Assert.Equal(5, plan.Limits!["users"]);
        Assert.Equal(["monthly", "quarterly", "annual"], write.BillingCycles!.Select(c => c!.Id!).ToArray());
        Assert.Equal(20, write.BillingCycles![2]!.DiscountPercent);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.999")]
    [InlineData("1,50")]
    public void Text_that_is_not_an_amount_is_reported_under_the_API_field_path(string typed)
    {
        var form = ProductForm.New(ProductTypeRegistry.Find("pos_retail")!);
        form.Plans[0].MonthlyPrice = typed;
        form.Plans[0].Limits = "users five";

        var (_, errors) = form.ToWrite(DeliveryModel.Saas);

        Assert.Equal(["Enter an amount such as 49.00."], errors["pricing_plans[0].monthly_price"]);
        Assert.True(errors.ContainsKey("pricing_plans[0].limits"));
    }

    [Fact]
    public void Only_ticked_fixed_rows_are_offered_and_rows_are_added_and_removed_by_command()
    {
        var form = ProductForm.New(ProductTypeRegistry.Find("design_services")!);
        form.Timelines[1].Enabled = false;
        form.Command = "add:packages";
        Assert.True(form.ApplyRowCommand());
        Assert.Equal(2, form.Packages.Count);
        form.Command = "remove:packages:0";
        Assert.True(form.ApplyRowCommand());
        Assert.Single(form.Packages);
        form.Command = "save";
        Assert.False(form.ApplyRowCommand());

        var (write, _) = form.ToWrite(DeliveryModel.Service);
        Assert.Equal(["standard", "rush"], write.Timelines!.Select(t => t!.Id!).ToArray());
        Assert.Null(write.PricingPlans);
    }

    [Fact]
    public void A_product_round_trips_through_the_form()
    {
        var product = new Product { Slug = "till", Name = "Till", Description = "A till.", BasePrice = 500 };
        product.Configure(ProductTypeRegistry.Find("pos_retail")!, new ProductOptions
        {
            PricingPlans = [new PricingPlan("basic", "Basic", 2_900, ["Inventory tracking"], new Dictionary<string, int> { ["users"] = 2 })],
            AvailableFeatures = [new AddOnFeature("loyalty", "Loyalty", 900)],
            BillingCycles = [new BillingCycleOption("monthly", 1, 0), new BillingCycleOption("annual", 12, 15)],
        });

        var (write, errors) = ProductForm.From(ProductAdmin.View(product)).ToWrite(DeliveryModel.Saas);

        Assert.Empty(errors);
        Assert.Equal(500, write.BasePrice);
        Assert.Equal(2_900, write.PricingPlans![0]!.MonthlyPrice);
        Assert.Equal(2, write.PricingPlans[0]!.Limits!["users"]);
        Assert.Equal(900, write.AvailableFeatures![0]!.MonthlyPrice);
        Assert.Equal(["monthly", "annual"], write.BillingCycles!.Select(c => c!.Id!).ToArray());
        Assert.Equal(15, write.BillingCycles![1]!.DiscountPercent);
    }
}
