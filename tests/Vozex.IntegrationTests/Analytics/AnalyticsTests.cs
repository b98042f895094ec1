using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Vozex.IntegrationTests.Accounts;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Vozex.Web.Modules.Analytics.Contracts;
using Vozex.Web.Modules.Analytics.Events;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.Analytics;

/// <summary>Analytics events recorded by real browsing and sandbox payments, read back through the summary API and the CSV exports.</summary>
public abstract class AnalyticsTests : IAsyncLifetime
{
    private VozexAppFactory _app = null!;
    private SandboxPurchases _shop = null!;

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task StartAsync()
    {
        _app = await CreateAppAsync(new Dictionary<string, string?> { ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.100" });
        _app.UseKestrel(0);
        _app.StartServer();
        _shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);
    }

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Views reach the table through the background queue: wait until at least the expected number is there (the assertion then checks exactness).</summary>
    private static async Task<JsonElement> SummaryWhenAsync(HttpClient admin, string query, Func<JsonElement, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var summary = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/summary{query}");
            if (ready(summary)) return summary;
            Assert.True(DateTime.UtcNow < deadline, $"The summary never got there: {summary}");
            await Task.Delay(100);
        }
    }

    private static long Funnel(JsonElement summary, string step) => summary.GetProperty("funnel").GetProperty(step).GetInt64();

    [Fact]
    public async Task Summary_reflects_exactly_the_views_checkouts_and_payments_made_and_the_csv_exports_parse_back()
    {
        await StartAsync();
        var visitor = _shop.NewClient();
        // Three catalog views (the second API call is answered by the output cache and still counts) ...
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/api/v1/products")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/api/v1/products")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/products")).StatusCode);
        // ... two product views; an unknown product is no view.
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/api/v1/products/sentinelscan")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/products/sentinelscan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/api/v1/products/no-such-product")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/products/no-such-product")).StatusCode);

        // Two checkouts: one declined, one paid (and fulfilled by the license driver).
        var customer = await _shop.CustomerAsync();
        var declined = await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.SelfHostedItem());
        await _shop.SubmitAsync(declined, "decline");
        await SandboxPurchases.WaitForStatusAsync(customer, declined, "payment_failed");
        var paid = await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.SelfHostedItem());
        await _shop.SubmitAsync(paid, "pay");
        var order = await SandboxPurchases.WaitForStatusAsync(customer, paid, "fulfilled");
        var total = order.GetProperty("total").GetProperty("amount").GetInt64();
        var productType = order.GetProperty("items")[0].GetProperty("product_type").GetString()!;
        Assert.True(total > 0);

        var admin = await _shop.AdminAsync();
        var summary = await SummaryWhenAsync(admin, "", s => Funnel(s, "catalog_views") >= 3 && Funnel(s, "product_views") >= 2);
        Assert.Equal(3, Funnel(summary, "catalog_views"));
        Assert.Equal(2, Funnel(summary, "product_views"));
        Assert.Equal(2, Funnel(summary, "checkouts_started"));
        Assert.Equal(1, Funnel(summary, "orders_paid"));
        Assert.Equal(0.5, summary.GetProperty("checkout_completion_rate").GetDouble());
        var rates = summary.GetProperty("payment_success_rate");
        Assert.Equal(0.5, rates.GetProperty("sandbox").GetDouble());
        Assert.Single(rates.EnumerateObject());
        var byType = summary.GetProperty("revenue_by_product_type");
        Assert.Equal([productType], byType.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(total, byType.GetProperty(productType).GetProperty("amount").GetInt64());
        Assert.Equal("USD", byType.GetProperty(productType).GetProperty("currency").GetString());
        var days = summary.GetProperty("revenue_by_day").EnumerateArray().ToList();
        Assert.Equal(30, days.Count);
        Assert.Equal(Today, days[^1].GetProperty("date").GetString());
        Assert.Equal(total, days[^1].GetProperty("revenue").GetProperty("amount").GetInt64());
        Assert.Equal(1, days[^1].GetProperty("orders").GetInt64());
        Assert.All(days[..^1], d => Assert.Equal(0, d.GetProperty("revenue").GetProperty("amount").GetInt64()));
        var license = summary.GetProperty("fulfillment_time_ms").GetProperty("self_hosted_license");
        Assert.Equal(1, license.GetProperty("count").GetInt32());
        Assert.True(license.GetProperty("p95").GetInt64() >= license.GetProperty("p50").GetInt64());

        // A window that ends yesterday holds none of it; one that is only today holds all of it.
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/summary?from=2026-01-01&to={yesterday}");
        Assert.Equal(0, Funnel(before, "catalog_views") + Funnel(before, "product_views") + Funnel(before, "checkouts_started") + Funnel(before, "orders_paid"));
        Assert.Equal(0, before.GetProperty("revenue").GetProperty("amount").GetInt64());
        var todayOnly = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/analytics/summary?from={Today}&to={Today}");
        Assert.Equal(3, Funnel(todayOnly, "catalog_views"));
        Assert.Equal(1, Funnel(todayOnly, "orders_paid"));
        Assert.Single(todayOnly.GetProperty("revenue_by_day").EnumerateArray());

        // The summary CSV says the same as the JSON.
        var csv = await admin.GetAsync($"/api/v1/admin/analytics/summary.csv?from={Today}&to={Today}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = ReadCsv(await csv.Content.ReadAsStringAsync());
        string Value(string section, string key) => rows.Single(r => r["section"] == section && r["key"] == key)["value"];
        Assert.Equal("3", Value("funnel", "catalog_views"));
        Assert.Equal("2", Value("funnel", "product_views"));
        Assert.Equal("2", Value("funnel", "checkouts_started"));
        Assert.Equal("1", Value("funnel", "orders_paid"));
        Assert.Equal("0.5", Value("checkout_completion_rate", "all"));
        Assert.Equal("0.5", Value("payment_success_rate", "sandbox"));
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), Value("revenue_by_product_type", productType));
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), Value("revenue_by_day", Today));

        // The orders CSV lists both orders of the window with their status and total; an earlier window lists none.
        var orders = ReadCsv(await admin.GetStringAsync($"/api/v1/admin/orders.csv?from={Today}&to={Today}"));
        Assert.Equal(2, orders.Count);
        var paidRow = orders.Single(r => r["order_id"] == paid.GetProperty("order_id").GetString());
        Assert.Equal(paid.GetProperty("order_number").GetString(), paidRow["order_number"]);
        Assert.Equal("fulfilled", paidRow["status"]);
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), paidRow["total"]);
        Assert.Equal(productType, paidRow["product_types"]);
        Assert.NotEqual("", paidRow["paid_at"]);
        Assert.Equal("payment_failed", orders.Single(r => r["order_id"] == declined.GetProperty("order_id").GetString())["status"]);
        Assert.Empty(ReadCsv(await admin.GetStringAsync($"/api/v1/admin/orders.csv?from=2026-01-01&to={yesterday}")));
        Assert.Single(ReadCsv(await admin.GetStringAsync($"/api/v1/admin/orders.csv?from={Today}&to={Today}&status=payment_failed")));
    }

    [Fact]
    public async Task Events_outside_the_window_are_left_out_and_instants_bound_it_exactly()
    {
        await StartAsync();
        var at = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var analytics = scope.ServiceProvider.GetRequiredService<IAnalytics>();
            analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.CheckoutStarted, at.AddDays(-1), OrderId: Guid.NewGuid(), Gateway: "sandbox"));
            analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.CheckoutStarted, at, OrderId: Guid.NewGuid(), Gateway: "sandbox"));
            analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.OrderPaid, at, OrderId: Guid.NewGuid(), Gateway: "paypal", Amount: 1_250, Currency: "USD"));
            analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.ItemPaid, at, ProductType: "pos_retail", Amount: 1_250, Currency: "USD"));
            analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.PaymentFailed, at.AddHours(1), OrderId: Guid.NewGuid(), Gateway: "paypal"));
            analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.CheckoutStarted, at.AddDays(1), OrderId: Guid.NewGuid(), Gateway: "sandbox"));
            await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SaveChangesAsync();
        }
        var admin = await _shop.AdminAsync();

        var day = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics/summary?from=2026-03-10&to=2026-03-10");
        Assert.Equal(1, Funnel(day, "checkouts_started"));
        Assert.Equal(1, Funnel(day, "orders_paid"));
        Assert.Equal(1.0, day.GetProperty("checkout_completion_rate").GetDouble());
        Assert.Equal(0.5, day.GetProperty("payment_success_rate").GetProperty("paypal").GetDouble());
        Assert.Equal(1_250, day.GetProperty("revenue_by_product_type").GetProperty("pos_retail").GetProperty("amount").GetInt64());
        Assert.Equal(1_250, day.GetProperty("revenue_by_day")[0].GetProperty("revenue").GetProperty("amount").GetInt64());

        var threeDays = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics/summary?from=2026-03-09&to=2026-03-11");
        Assert.Equal(3, Funnel(threeDays, "checkouts_started"));
        Assert.Equal(3, threeDays.GetProperty("revenue_by_day").GetArrayLength());

        // Instants: [from, to) — the paid order at noon is out when to is noon, in from noon on.
        var morning = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics/summary?from=2026-03-10T00:00:00Z&to=2026-03-10T12:00:00Z");
        Assert.Equal(0, Funnel(morning, "orders_paid"));
        Assert.Equal(JsonValueKind.Null, morning.GetProperty("checkout_completion_rate").ValueKind);
        var afternoon = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/analytics/summary?from=2026-03-10T12:00:00Z&to=2026-03-10T13:00:00Z");
        Assert.Equal(1, Funnel(afternoon, "orders_paid"));
        Assert.Equal(1.0, afternoon.GetProperty("payment_success_rate").GetProperty("paypal").GetDouble());
    }

    [Fact]
    public async Task Bad_windows_are_400_naming_the_field_and_only_admins_get_analytics()
    {
        await StartAsync();
        var admin = await _shop.AdminAsync();
        foreach (var path in new[] { "/api/v1/admin/analytics/summary", "/api/v1/admin/analytics/summary.csv", "/api/v1/admin/orders.csv" })
        {
            Assert.NotEmpty(await (await admin.GetAsync($"{path}?from=yesterday")).FieldErrorsAsync("from"));
            Assert.NotEmpty(await (await admin.GetAsync($"{path}?to=2026-13-40")).FieldErrorsAsync("to"));
            Assert.NotEmpty(await (await admin.GetAsync($"{path}?from=2026-03-10&to=2026-03-09")).FieldErrorsAsync("to"));
            Assert.NotEmpty(await (await admin.GetAsync($"{path}?from=2020-01-01&to=2026-03-09")).FieldErrorsAsync("to"));

            Assert.Equal(HttpStatusCode.Unauthorized, (await _shop.NewClient().GetAsync(path)).StatusCode);
            var customer = await _shop.CustomerAsync();
            Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync(path)).StatusCode);
        }
        Assert.NotEmpty(await (await admin.GetAsync("/api/v1/admin/orders.csv?status=lost")).FieldErrorsAsync("status"));
    }

    private static List<Dictionary<string, string>> ReadCsv(string text)
    {
        using var reader = CsvReader.FromText(text);
        var headers = reader.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
            rows.Add(headers.ToDictionary(h => h, h => reader.GetString(h), StringComparer.Ordinal));
        return rows;
    }
}

public sealed class SqliteAnalyticsTests : AnalyticsTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection("postgres")]
public sealed class PostgresAnalyticsTests(PostgresCluster cluster) : AnalyticsTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
