using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.Fulfillment;

/// <summary>
/// The real drivers deliver what the customer was quoted and paid for, even when an administrator changes the product
/// between the order and its fulfilment (before payment, or before a retry).
/// </summary>
public abstract class PurchasedTermsTests : IAsyncLifetime
{
    private VozexAppFactory _app = null!;

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    public async Task InitializeAsync()
    {
        _app = await CreateAppAsync(new Dictionary<string, string?> { ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.100" });
        _app.UseKestrel(0);
        _app.StartServer();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private Task EditOptionsAsync(string slug, Func<ProductOptions, ProductOptions> change) => WithDb(async db =>
    {
        var product = await db.Set<Product>().SingleAsync(p => p.Slug == slug);
        product.Configure(product.Type, change(product.Options));
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task An_edit_between_order_and_fulfilment_does_not_change_the_plan_license_or_package_the_customer_paid_for()
    {
        var shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);
        var customer = await shop.CustomerAsync("Terms Keeper");
        var placed = await SandboxPurchases.CheckoutAsync(customer,
            SandboxPurchases.SaasItem(), SandboxPurchases.SelfHostedItem(), SandboxPurchases.ServiceItem());

        var paidFor = await WithDb(async db => (
            Plan: (await db.Set<Product>().AsNoTracking().SingleAsync(p => p.Slug == "harborstay-hotel-pms")).Options.PricingPlans!.Single(p => p.Id == "professional"),
            License: (await db.Set<Product>().AsNoTracking().SingleAsync(p => p.Slug == "sentinelscan")).Options.LicenseTypes!.Single(t => t.Id == "standard"),
            Service: (await db.Set<Product>().AsNoTracking().SingleAsync(p => p.Slug == "brandcraft-logo-identity")).Options));
        var package = paidFor.Service.ServicePackages!.Single(p => p.Id == "standard");

        // After the order is priced and before it is paid, the administrator cuts the plan, the license and the package.
        await EditOptionsAsync("harborstay-hotel-pms", o => o with
        {
            PricingPlans = [.. o.PricingPlans!.Select(p => p.Id != "professional" ? p
                : p with { Name = "Professional (reduced)", Limits = new Dictionary<string, int> { ["rooms"] = 5, ["properties"] = 1, ["users"] = 1 } })],
        });
        await EditOptionsAsync("sentinelscan", o => o with
        {
            LicenseTypes = [.. o.LicenseTypes!.Select(t => t.Id != "standard" ? t : t with { Name = "Standard (cut)", MaxActivations = t.MaxActivations + 7 })],
        });
        await EditOptionsAsync("brandcraft-logo-identity", o => o with
        {
            ServicePackages = [.. o.ServicePackages!.Select(p => p.Id != "standard" ? p : p with { Name = "Renamed package", DurationDays = p.DurationDays * 3 })],
            RequiredSkills = ["skill_added_later"],
        });

        await shop.SubmitAsync(placed, "pay");
        var order = await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled", seconds: 60);
        var orderId = Guid.Parse(placed.GetProperty("order_id").GetString()!);

        var tenant = await WithDb(db => db.Set<Tenant>().AsNoTracking().SingleAsync(t => t.OrderId == orderId));
        Assert.Equal(paidFor.Plan.Name, tenant.PlanName);
        Assert.Equal(paidFor.Plan.Limits.OrderBy(l => l.Key), tenant.Limits.OrderBy(l => l.Key));

        var license = await WithDb(db => db.Set<License>().AsNoTracking().SingleAsync(l => l.OrderId == orderId));
        Assert.Equal(paidFor.License.Name, license.LicenseTypeName);
        Assert.Equal(paidFor.License.MaxActivations, license.MaxActivations);

        var service = await WithDb(db => db.Set<ServiceOrder>().AsNoTracking().SingleAsync(o => o.OrderId == orderId));
        Assert.Equal(package.Name, service.PackageName);
        Assert.Equal(paidFor.Service.RequiredSkills ?? [], service.RequiredSkills);
        // The due date follows the package's duration as quoted (expedited timeline), not the tripled one.
        var expedited = (paidFor.Service.Timelines ?? OptionDefaults.Timelines).Single(t => t.Id == "expedited");
        var quotedHours = Math.Round(package.DurationDays * 24m * expedited.DurationFactorPercent / 100m, MidpointRounding.AwayFromZero);
        Assert.Equal(TimeSpan.FromHours((double)quotedHours), service.EstimatedCompletion - order.GetProperty("paid_at").GetDateTimeOffset());
    }
}

public sealed class SqlitePurchasedTermsTests : PurchasedTermsTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection("postgres")]
public sealed class PostgresPurchasedTermsTests(PostgresCluster cluster) : PurchasedTermsTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
