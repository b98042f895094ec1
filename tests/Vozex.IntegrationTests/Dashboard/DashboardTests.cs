using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.Dashboard;

/// <summary>The customer dashboard (issue 9): GET /api/v1/me/overview and the order pages, through the real pipeline on Kestrel.</summary>
public abstract class DashboardTests : IAsyncLifetime
{
    private VozexAppFactory _app = null!;
    private SandboxPurchases _shop = null!;

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    public async Task InitializeAsync()
    {
        _app = await CreateAppAsync(new Dictionary<string, string?> { ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.100" });
        _app.UseKestrel(0);
        _app.StartServer();
        _shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task WithDbAsync(Func<MarketplaceDbContext, Task> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    /// <summary>A new customer who bought these items in one sandbox payment, once every item is fulfilled.</summary>
    private async Task<(HttpClient Customer, JsonElement Order)> BuyAsync(params object[] items)
    {
        var customer = await _shop.CustomerAsync("Dash Board");
        var placed = await SandboxPurchases.CheckoutAsync(customer, items);
        await _shop.SubmitAsync(placed, "pay");
        return (customer, await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled"));
    }

    private static async Task<JsonElement> OverviewAsync(HttpClient customer)
    {
        var response = await customer.GetAsync("/api/v1/me/overview");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static (int Tenants, int Licenses, int ServiceOrders, int Orders) Counts(JsonElement overview)
    {
        var c = overview.GetProperty("counts");
        return (c.GetProperty("tenants").GetInt32(), c.GetProperty("licenses").GetInt32(), c.GetProperty("service_orders").GetInt32(), c.GetProperty("orders").GetInt32());
    }

    private static string ReferenceOf(JsonElement order, string deliveryModel) =>
        order.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("delivery_model").GetString() == deliveryModel)
            .GetProperty("fulfillment").GetProperty("external_reference_id").GetString()!;

    [Fact]
    public async Task Overview_counts_the_customers_tenants_licenses_service_orders_and_orders_and_none_of_another_customers()
    {
        var (customer, _) = await BuyAsync(SandboxPurchases.SaasItem(), SandboxPurchases.SelfHostedItem(), SandboxPurchases.ServiceItem());
        var (other, _) = await BuyAsync(SandboxPurchases.SelfHostedItem());
        var unpaid = await SandboxPurchases.CheckoutAsync(other, SandboxPurchases.SelfHostedItem());
        Assert.Equal("pending_payment", unpaid.GetProperty("status").GetString());

        var mine = await OverviewAsync(customer);
        Assert.Equal((1, 1, 1, 1), Counts(mine));
        Assert.Equal(0, mine.GetProperty("counts").GetProperty("orders_awaiting_payment").GetInt32());
        Assert.Equal(0, mine.GetProperty("attention").GetArrayLength());
        Assert.Equal("Dash Board", mine.GetProperty("profile").GetProperty("name").GetString());
        Assert.Contains("customer", mine.GetProperty("profile").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var theirs = await OverviewAsync(other);
        Assert.Equal((0, 1, 0, 2), Counts(theirs));
        Assert.Equal(1, theirs.GetProperty("counts").GetProperty("orders_awaiting_payment").GetInt32());
        Assert.NotEqual(mine.GetProperty("profile").GetProperty("email").GetString(), theirs.GetProperty("profile").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Overview_lists_expiring_credentials_a_delivery_to_accept_updates_ending_within_30_days_and_failed_fulfilment()
    {
        var (customer, order) = await BuyAsync(SandboxPurchases.SaasItem(), SandboxPurchases.SelfHostedItem(), SandboxPurchases.ServiceItem());
        var tenantId = Guid.Parse(ReferenceOf(order, "saas"));
        var licenseId = Guid.Parse(ReferenceOf(order, "self_hosted"));
        var serviceOrderId = Guid.Parse(ReferenceOf(order, "service"));
        var saasItem = order.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("delivery_model").GetString() == "saas").GetProperty("id").GetInt64();

        // Fresh purchases need nothing: credentials have 7 days left and the license's updates are for life.
        Assert.Equal(0, (await OverviewAsync(customer)).GetProperty("attention").GetArrayLength());

        var now = DateTimeOffset.UtcNow;
        await WithDbAsync(async db =>
        {
            await db.Set<TenantCredential>().Where(c => c.TenantId == tenantId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, now.AddDays(1)));
            await db.Set<License>().Where(l => l.Id == licenseId).ExecuteUpdateAsync(s => s.SetProperty(l => l.UpdatesUntil, now.AddDays(10)));
            await db.Set<ServiceOrder>().Where(o => o.Id == serviceOrderId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, ServiceOrderStatus.Delivered).SetProperty(o => o.DeliveredAt, now));
            await db.Set<FulfillmentRecord>().Where(r => r.OrderItemId == saasItem)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, FulfillmentStatus.Failed));
        });

        var attention = (await OverviewAsync(customer)).GetProperty("attention").EnumerateArray()
            .ToDictionary(a => a.GetProperty("kind").GetString()!, a => a);
        Assert.Equal(["credentials_expiring", "delivery_awaiting_acceptance", "fulfillment_failed", "updates_expiring"], attention.Keys.Order().ToArray());
        Assert.Equal("/account/tenants", attention["credentials_expiring"].GetProperty("href").GetString());
        Assert.Equal(tenantId.ToString(), attention["credentials_expiring"].GetProperty("reference_id").GetString());
        Assert.Equal($"/service-orders/{serviceOrderId}", attention["delivery_awaiting_acceptance"].GetProperty("href").GetString());
        Assert.Equal(now.AddDays(3).ToUnixTimeSeconds(), attention["delivery_awaiting_acceptance"].GetProperty("due_at").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal("/account/licenses", attention["updates_expiring"].GetProperty("href").GetString());
        Assert.Equal(licenseId.ToString(), attention["updates_expiring"].GetProperty("reference_id").GetString());
        Assert.Equal($"/account/orders/{order.GetProperty("id").GetString()}", attention["fulfillment_failed"].GetProperty("href").GetString());

        // Updates ending in 31 days and credentials already expired are not (or no longer) worth a reminder.
        await WithDbAsync(async db =>
        {
            await db.Set<TenantCredential>().Where(c => c.TenantId == tenantId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, now.AddMinutes(-1)));
            await db.Set<License>().Where(l => l.Id == licenseId).ExecuteUpdateAsync(s => s.SetProperty(l => l.UpdatesUntil, now.AddDays(31)));
        });
        var kinds = (await OverviewAsync(customer)).GetProperty("attention").EnumerateArray().Select(a => a.GetProperty("kind").GetString()!).Order().ToArray();
        Assert.Equal(["delivery_awaiting_acceptance", "fulfillment_failed"], kinds);

        // The overview page shows the same.
        var page = await customer.GetStringAsync("/account");
        Assert.Contains("data-kind=\"delivery_awaiting_acceptance\"", page, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"fulfillment_failed\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"count-tenants\" data-count=\"1\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_lists_an_order_whose_service_still_waits_for_a_provider_as_in_progress()
    {
        await WithDbAsync(db => db.Set<Provider>().ExecuteUpdateAsync(s => s.SetProperty(p => p.Available, false)));
        var (customer, order) = await BuyAsync(SandboxPurchases.ServiceItem());
        var serviceOrderId = Guid.Parse(ReferenceOf(order, "service"));
        Assert.Equal("pending_assignment", (await customer.GetFromJsonAsync<JsonElement>($"/api/v1/me/service-orders/{serviceOrderId}")).GetProperty("status").GetString());

        var overview = await OverviewAsync(customer);
        var waiting = Assert.Single(overview.GetProperty("in_progress").EnumerateArray());
        Assert.Equal(order.GetProperty("id").GetString(), waiting.GetProperty("order_id").GetString());
        Assert.Equal(order.GetProperty("order_number").GetString(), waiting.GetProperty("order_number").GetString());
        Assert.Equal(["BrandCraft Logo & Identity"], waiting.GetProperty("items").EnumerateArray().Select(i => i.GetString()!).ToArray());
        Assert.Equal(1, overview.GetProperty("counts").GetProperty("open_service_orders").GetInt32());
        Assert.Contains($"data-order=\"{order.GetProperty("id").GetString()}\"", await customer.GetStringAsync("/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_without_signing_in_is_401()
    {
        var response = await _shop.NewClient().GetAsync("/api/v1/me/overview");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Orders_tab_shows_twenty_orders_a_page_newest_first()
    {
        var customer = await _shop.CustomerAsync();
        var placed = new List<string>();
        for (var i = 0; i < 21; i++)
            placed.Add((await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.SelfHostedItem())).GetProperty("order_number").GetString()!);

        static List<string> Rows(string html) => Regex.Matches(html, "<tr data-order=\"[^\"]+\" data-status=\"([a-z_]+)\"[^>]*>\\s*<th[^>]*><a[^>]*>([A-Z0-9-]+)</a>")
            .Select(m => m.Groups[2].Value).ToList();
        var first = await customer.GetStringAsync("/account/orders");
        var firstRows = Rows(first);
        Assert.Equal(20, firstRows.Count);
        Assert.Equal(placed[^1], firstRows[0]);
        Assert.Contains("href=\"/account/orders?page=2\"", first, StringComparison.Ordinal);
        Assert.Equal([placed[0]], Rows(await customer.GetStringAsync("/account/orders?page=2")));
        Assert.Equal(firstRows, Rows(await customer.GetStringAsync("/account/orders?page=nonsense")));
    }

    [Fact]
    public async Task Order_detail_shows_items_price_lines_payments_and_fulfilment_and_another_customers_order_is_404()
    {
        var (customer, order) = await BuyAsync(SandboxPurchases.SelfHostedItem(), SandboxPurchases.ServiceItem());
        var id = order.GetProperty("id").GetString();
        var number = order.GetProperty("order_number").GetString()!;

        var detail = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}");
        var items = detail.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i =>
        {
            Assert.NotEqual(0, i.GetProperty("lines").GetArrayLength());
            Assert.Equal("active", i.GetProperty("fulfillment").GetProperty("status").GetString());
            Assert.Equal(i.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("amount").GetProperty("amount").GetInt64())
                - i.GetProperty("discount").GetProperty("amount").GetInt64(), i.GetProperty("total").GetProperty("amount").GetInt64());
        });
        var payment = Assert.Single(detail.GetProperty("payments").EnumerateArray());
        Assert.Equal(detail.GetProperty("total").GetProperty("amount").GetInt64(), payment.GetProperty("amount").GetProperty("amount").GetInt64());
        var total = new Money(detail.GetProperty("total").GetProperty("amount").GetInt64(), detail.GetProperty("currency").GetString()!);

        var list = await customer.GetStringAsync("/account/orders");
        Assert.Contains(number, list, StringComparison.Ordinal);
        var page = await customer.GetStringAsync($"/account/orders/{id}");
        Assert.Contains(number, page, StringComparison.Ordinal);
        foreach (var label in items.SelectMany(i => i.GetProperty("lines").EnumerateArray()).Select(l => l.GetProperty("label").GetString()!))
            Assert.Contains(label, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("data-fulfillment=\"active\"", page, StringComparison.Ordinal);
        Assert.Contains($"/account/orders/{id}/receipt", page, StringComparison.Ordinal);
        var receipt = await customer.GetStringAsync($"/account/orders/{id}/receipt");
        Assert.Contains(">Receipt<", receipt, StringComparison.Ordinal);
        Assert.Matches($"id=\"receipt-total\"[^>]*>{Regex.Escape(total.Display())}<", WebUtility.HtmlDecode(receipt));
        Assert.Contains("@media print", await customer.GetStringAsync("/Vozex.Web.styles.css"), StringComparison.Ordinal);
        var services = await customer.GetStringAsync("/account/services");
        Assert.Contains($"id=\"service-{ReferenceOf(order, "service")}\"", services, StringComparison.Ordinal);

        var stranger = await _shop.CustomerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/account/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/account/orders/{id}/receipt")).StatusCode);
        Assert.DoesNotContain(number, await stranger.GetStringAsync("/account/orders"), StringComparison.Ordinal);
        Assert.Contains("id=\"orders-empty\"", await stranger.GetStringAsync("/account/orders"), StringComparison.Ordinal);
        Assert.Contains("id=\"services-empty\"", await stranger.GetStringAsync("/account/services"), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0), Counts(await OverviewAsync(stranger)));
    }
}

public sealed class SqliteDashboardTests : DashboardTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection("postgres")]
public sealed class PostgresDashboardTests(PostgresCluster cluster) : DashboardTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
