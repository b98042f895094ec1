using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.IntegrationTests.Accounts;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.Admin;

/// <summary>Bulk administration added for the admin lists: per-record reports, audit entries, the audit log's date filter and access control.</summary>
public abstract class BulkAdminTests : IAsyncLifetime
{
    private VozexAppFactory _app = null!;
    private SandboxPurchases _shop = null!;
    private HttpClient _admin = null!;

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
        _admin = await _shop.AdminAsync();
        // Nobody takes orders by themselves: every assignment in these tests is made by hand.
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Provider>().ExecuteUpdateAsync(s => s.SetProperty(p => p.Available, false));
    }

    private async Task<Guid> WaitingServiceOrderAsync(HttpClient customer)
    {
        var placed = await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.ServiceItem());
        await _shop.SubmitAsync(placed, "pay");
        var order = await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled");
        return Guid.Parse(order.GetProperty("items")[0].GetProperty("fulfillment").GetProperty("external_reference_id").GetString()!);
    }

    private async Task<Guid> ProviderAsync(string name, int capacity)
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/admin/providers",
            new { email = AccountsTestClient.NewEmail(), name, skills = new[] { "branding", "graphic_design" }, capacity, available = false });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Bulk_assignment_reports_each_order_and_audits_only_what_it_changed()
    {
        await StartAsync();
        var customer = await _shop.CustomerAsync("Crumb Bakery");
        var first = await WaitingServiceOrderAsync(customer);
        var second = await WaitingServiceOrderAsync(customer);
        var cancelled = await WaitingServiceOrderAsync(customer);
        Assert.True((await _admin.PostAsJsonAsync($"/api/v1/admin/service-orders/{cancelled}/cancel", new { body = "Duplicate." })).IsSuccessStatusCode);
        var unknown = Guid.NewGuid();
        var provider = await ProviderAsync("Only one slot", capacity: 1);

        var response = await _admin.PostAsJsonAsync("/api/v1/admin/service-orders/bulk-assign", new { ids = new[] { first, second, cancelled, unknown }, provider_id = provider });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("assigned").GetInt32());
        var outcomes = body.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid(), r => r.GetProperty("outcome").GetString());
        Assert.Equal("assigned", outcomes[first]);
        Assert.Equal("provider_at_capacity", outcomes[second]);
        Assert.Equal("not_assignable", outcomes[cancelled]);
        Assert.Equal("not_found", outcomes[unknown]);
        Assert.Equal(4, outcomes.Count);

        var assigned = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/service-orders/{first}");
        Assert.Equal("assigned", assigned.GetProperty("status").GetString());
        Assert.Equal(provider, assigned.GetProperty("provider").GetProperty("id").GetGuid());
        Assert.Equal("pending_assignment", (await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/service-orders/{second}")).GetProperty("status").GetString());

        var audit = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit-log?action=service_order.assign");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(first.ToString(), entry.GetProperty("target_id").GetString());
        Assert.Contains(provider.ToString(), entry.GetProperty("details").GetString());

        // Nothing to act on, or no such provider: 400 naming the field, and nothing changes.
        Assert.NotEmpty(await (await _admin.PostAsJsonAsync("/api/v1/admin/service-orders/bulk-assign", new { ids = Array.Empty<Guid>(), provider_id = provider })).FieldErrorsAsync("ids"));
        Assert.NotEmpty(await (await _admin.PostAsJsonAsync("/api/v1/admin/service-orders/bulk-assign", new { ids = new[] { second }, provider_id = Guid.NewGuid() })).FieldErrorsAsync("provider_id"));
        Assert.Equal("pending_assignment", (await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/service-orders/{second}")).GetProperty("status").GetString());

        // Only administrators.
        var request = new { ids = new[] { second }, provider_id = provider };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _shop.NewClient().PostAsJsonAsync("/api/v1/admin/service-orders/bulk-assign", request)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync("/api/v1/admin/service-orders/bulk-assign", request)).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_filters_by_date_and_refuses_bad_dates()
    {
        await StartAsync();
        await ProviderAsync("Audited", capacity: 2);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var todays = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit-log?action=provider.create&from={today}&to={today}");
        Assert.Equal(1, todays.GetProperty("total").GetInt32());
        var before = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit-log?action=provider.create&to={yesterday}");
        Assert.Equal(0, before.GetProperty("total").GetInt32());
        var since = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit-log?action=provider.create&from={DateTime.UtcNow.AddMinutes(-10):O}");
        Assert.Equal(1, since.GetProperty("total").GetInt32());

        Assert.NotEmpty(await (await _admin.GetAsync("/api/v1/admin/audit-log?from=soon")).FieldErrorsAsync("from"));
        Assert.NotEmpty(await (await _admin.GetAsync($"/api/v1/admin/audit-log?from={today}&to={yesterday}")).FieldErrorsAsync("to"));
    }

    [Fact]
    public async Task The_admin_pages_send_a_visitor_to_sign_in()
    {
        await StartAsync();
        string[] pages = ["/admin/analytics", "/admin/fulfillments", "/admin/tenants", "/admin/licenses", "/admin/service-orders", "/admin/providers",
                          "/admin/audit-log", "/admin/gateways", "/admin/webhooks"];
        var visitor = _shop.NewClient();
        foreach (var page in pages)
        {
            var response = await visitor.GetAsync(page);
            // Pages send a visitor to sign in.
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/login", response.Headers.Location?.ToString());
        }
    }
}

public sealed class SqliteBulkAdminTests : BulkAdminTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection("postgres")]
public sealed class PostgresBulkAdminTests(PostgresCluster cluster) : BulkAdminTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
