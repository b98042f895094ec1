using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Vozex.Web.Modules.Admin.Audit;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Lifecycle;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.IntegrationTests.Tenancy;

/// <summary>
/// The tenant lifecycle (issue 5, part 6) with simulated time: refunds cancel tenants, cancel closes the site and the
/// grace-period sweep deletes the database; plan changes reach the tenant database; all through the real pipeline.
/// </summary>
public abstract class TenantLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromDays(30);

    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    protected VozexAppFactory App { get; private set; } = null!;
    private SandboxPurchases _shop = null!;
    private Uri _base = null!;

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    /// <summary>Whether the tenant's database exists where its record says (PostgreSQL: pg_database; SQLite: the file).</summary>
    private protected abstract Task<bool> DatabaseExistsAsync(Tenant tenant);

    public async Task InitializeAsync()
    {
        App = (await CreateAppAsync(new Dictionary<string, string?>
        {
            ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.100",
            ["Vozex:Tenancy:DeletionGracePeriod"] = "30.00:00:00",
        })).WithServices(s => s.AddSingleton<TimeProvider>(Clock));
        App.UseKestrel(0);
        App.StartServer();
        _base = App.ClientOptions.BaseAddress;
        _shop = new SandboxPurchases(_base);
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }

    private HttpClient Site(string slug)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _base };
        client.DefaultRequestHeaders.Host = $"{slug}.localhost:{_base.Port}";
        return client;
    }

    private sealed record Bought(HttpClient Customer, JsonElement Order, Guid TenantId, string Slug)
    {
        public Guid OrderId => Order.GetProperty("id").GetGuid();
        public long ItemId => Order.GetProperty("items")[0].GetProperty("id").GetInt64();
    }

    private async Task<Bought> BuyAsync(string stem)
    {
        var slug = $"{stem}{Guid.NewGuid():N}"[..16];
        var customer = await _shop.CustomerAsync();
        var placed = await SandboxPurchases.CheckoutAsync(customer, new
        {
            product_slug = "harborstay-hotel-pms",
            configuration = new { plan = "professional", features = new[] { "booking_engine" }, billing_cycle = "annual", subdomain = slug },
        });
        await _shop.SubmitAsync(placed, "pay");
        var order = await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled", seconds: 60);
        var reference = order.GetProperty("items")[0].GetProperty("fulfillment").GetProperty("external_reference_id").GetGuid();
        return new Bought(customer, order, reference, slug);
    }

    private async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private Task<Tenant> TenantAsync(Guid id) => WithDb(db => db.Set<Tenant>().AsNoTracking().SingleAsync(t => t.Id == id));

    private async Task<Tenant> WaitForStatusAsync(Guid id, TenantStatus status, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var tenant = await TenantAsync(id);
            if (tenant.Status == status) return tenant;
            Assert.True(DateTime.UtcNow < deadline, $"{what}: the tenant stayed {tenant.Status}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Runs the tenant task runner by hand (the hosted one may also be running; either may take a due task).</summary>
    private Task<int> RunTasksAsync() => App.Services.GetRequiredService<LeaseRunner<TenantTask>>().RunOnceAsync(CancellationToken.None);

    private Task<List<AuditEntry>> AuditAsync(Guid id) =>
        WithDb(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.TargetType == "tenant" && a.TargetId == id.ToString()).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task An_admin_refund_of_a_saas_item_cancels_its_tenant_in_the_refunds_unit_of_work()
    {
        var bought = await BuyAsync("refund");
        var admin = await _shop.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await Site(bought.Slug).GetAsync("/admin")).StatusCode);

        var refund = await admin.PostAsJsonAsync($"/api/v1/admin/orders/{bought.OrderId}/refunds", new { items = new[] { bought.ItemId }, reason = "Changed their mind" });
        Assert.True(refund.IsSuccessStatusCode, $"{(int)refund.StatusCode}: {await refund.Content.ReadAsStringAsync()}");

        var tenant = await WaitForStatusAsync(bought.TenantId, TenantStatus.Cancelled, "refund");
        // Stored to the millisecond on SQLite.
        Assert.InRange(tenant.DeleteAfter!.Value, Clock.GetUtcNow() + Grace - TimeSpan.FromSeconds(1), Clock.GetUtcNow() + Grace);
        Assert.Contains("Refunded", tenant.StatusReason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Site(bought.Slug).GetAsync("/admin")).StatusCode);
        Assert.True(await DatabaseExistsAsync(tenant)); // kept through the grace period
        var order = await bought.Customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{bought.OrderId}");
        Assert.Equal("refunded", order.GetProperty("status").GetString());
        var cancel = Assert.Single(await AuditAsync(bought.TenantId), a => a.Action == "tenant.cancel");
        Assert.Equal("system", cancel.ActorEmail);
        var mine = await bought.Customer.GetFromJsonAsync<JsonElement>("/api/v1/me/tenants");
        Assert.Equal("cancelled", mine.GetProperty("items")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_lifecycle_call_commits_only_with_the_callers_unit_of_work_and_a_repeat_changes_nothing()
    {
        var bought = await BuyAsync("uow");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var lifecycle = scope.ServiceProvider.GetRequiredService<ITenantLifecycle>();
            var result = await lifecycle.SuspendAsync(bought.TenantId, "Payment overdue", null, CancellationToken.None);
            Assert.Equal(TenantLifecycleOutcome.Changed, result.Outcome);
            Assert.Equal("suspended", result.Status);
            Assert.Equal(TenantStatus.Active, (await TenantAsync(bought.TenantId)).Status); // nothing committed yet
            Assert.Equal(HttpStatusCode.OK, (await Site(bought.Slug).GetAsync("/admin")).StatusCode);
            Assert.Equal(TenantLifecycleOutcome.Unchanged, (await lifecycle.SuspendAsync(bought.TenantId, "again", null, CancellationToken.None)).Outcome);
            await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SaveChangesAsync();
        }
        // Saved on this node: the site's cached view was dropped at once.
        Assert.Equal(HttpStatusCode.Forbidden, (await Site(bought.Slug).GetAsync("/admin")).StatusCode);
        Assert.Equal("Payment overdue", (await TenantAsync(bought.TenantId)).StatusReason);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var lifecycle = scope.ServiceProvider.GetRequiredService<ITenantLifecycle>();
            Assert.Equal(TenantLifecycleOutcome.Changed, (await lifecycle.ResumeAsync(bought.TenantId, null, CancellationToken.None)).Outcome);
            // Not saved: the unit of work is abandoned, so the tenant stays suspended.
        }
        Assert.Equal(TenantStatus.Suspended, (await TenantAsync(bought.TenantId)).Status);
        Assert.Equal(["tenant.suspend"], (await AuditAsync(bought.TenantId)).Select(a => a.Action));

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var lifecycle = scope.ServiceProvider.GetRequiredService<ITenantLifecycle>();
            Assert.Equal(TenantLifecycleOutcome.NotFound, (await lifecycle.CancelAsync(Guid.NewGuid(), "x", null, CancellationToken.None)).Outcome);
            Assert.Equal(TenantLifecycleOutcome.Changed, (await lifecycle.ResumeAsync(bought.TenantId, null, CancellationToken.None)).Outcome);
            await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await Site(bought.Slug).GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Cancel_closes_the_site_at_once_and_the_database_is_deleted_only_after_the_grace_period()
    {
        var bought = await BuyAsync("cancel");
        var admin = await _shop.AdminAsync();
        var other = await BuyAsync("keep");

        var cancel = await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{bought.TenantId}/cancel", new { reason = "Abuse report 42" });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Site(bought.Slug).GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/admin/tenants/{bought.TenantId}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await bought.Customer.PostAsync($"/api/v1/me/tenants/{bought.TenantId}/sso", null)).StatusCode);
        var again = await admin.PostAsync($"/api/v1/admin/tenants/{bought.TenantId}/cancel", null);
        Assert.Equal("unchanged", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());

        // One minute before the grace period ends nothing is due.
        Clock.Advance(Grace - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await RunTasksAsync());
        var tenant = await TenantAsync(bought.TenantId);
        Assert.Equal(TenantStatus.Cancelled, tenant.Status);
        Assert.True(await DatabaseExistsAsync(tenant));

        Clock.Advance(TimeSpan.FromMinutes(2));
        await RunTasksAsync();
        tenant = await WaitForStatusAsync(bought.TenantId, TenantStatus.Deleted, "grace period");
        Assert.False(await DatabaseExistsAsync(tenant));
        Assert.NotNull(tenant.DeletedAt);
        Assert.True(await DatabaseExistsAsync(await TenantAsync(other.TenantId))); // only the cancelled one
        Assert.Equal(HttpStatusCode.NotFound, (await Site(bought.Slug).GetAsync("/admin")).StatusCode);
        Assert.False(await WithDb(db => db.Set<TenantCredential>().AnyAsync(c => c.TenantId == bought.TenantId)));
        Assert.Equal(["tenant.cancel", "tenant.delete"], (await AuditAsync(bought.TenantId)).Select(a => a.Action));
        admin = await _shop.AdminAsync(); // a month passed: sign in again
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/tenants?status=deleted");
        Assert.Equal(bought.TenantId, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await Site(other.Slug).GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_deletion_cut_short_after_the_drop_is_finished_by_the_retry_and_runs_once()
    {
        var bought = await BuyAsync("crash");
        var admin = await _shop.AdminAsync();
        var bulk = await admin.PostAsJsonAsync("/api/v1/admin/tenants/bulk", new { ids = new[] { bought.TenantId, Guid.NewGuid() }, action = "cancel" });
        var results = (await bulk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal("changed", results[0].GetProperty("outcome").GetString());
        Assert.Equal("cancelled", results[0].GetProperty("status").GetString());
        Assert.Equal("not_found", results[1].GetProperty("outcome").GetString());

        // A node dropped the database and died before recording it.
        var tenant = await TenantAsync(bought.TenantId);
        await App.Services.GetRequiredService<TenantDatabases>().DropAsync(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName), CancellationToken.None);
        Assert.False(await DatabaseExistsAsync(tenant));

        Clock.Advance(Grace + TimeSpan.FromSeconds(1));
        await RunTasksAsync();
        await WaitForStatusAsync(bought.TenantId, TenantStatus.Deleted, "retry after the drop");
        var tasks = await WithDb(db => db.Set<TenantTask>().AsNoTracking().Where(t => t.TenantId == bought.TenantId).ToListAsync());
        var task = Assert.Single(tasks);
        Assert.Equal(WorkStatus.Done, task.Status);
        Assert.Single(await AuditAsync(bought.TenantId), a => a.Action == "tenant.delete");
    }

    [Fact]
    public async Task A_plan_change_updates_the_record_at_commit_and_the_tenant_database_after()
    {
        var bought = await BuyAsync("plan");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var lifecycle = scope.ServiceProvider.GetRequiredService<ITenantLifecycle>();
            var invalid = await lifecycle.ChangePlanAsync(bought.TenantId, new TenantPlanChange("platinum", []), null, CancellationToken.None);
            Assert.Equal(TenantLifecycleOutcome.Invalid, invalid.Outcome);
            var unknownAddOn = await lifecycle.ChangePlanAsync(bought.TenantId, new TenantPlanChange("enterprise", ["teleportation"]), null, CancellationToken.None);
            Assert.Equal(TenantLifecycleOutcome.Invalid, unknownAddOn.Outcome);
            var changed = await lifecycle.ChangePlanAsync(bought.TenantId, new TenantPlanChange("enterprise", ["booking_engine", "guest_messaging"]), null, CancellationToken.None);
            Assert.Equal(TenantLifecycleOutcome.Changed, changed.Outcome);
            await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SaveChangesAsync();
        }
        var tenant = await TenantAsync(bought.TenantId);
        Assert.Equal("enterprise", tenant.Plan);
        Assert.Equal(["booking_engine", "guest_messaging"], tenant.Features);

        await RunTasksAsync();
        var databases = App.Services.GetRequiredService<TenantDatabases>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        Dictionary<string, string> settings;
        while (true)
        {
            await using var tenantDb = databases.Open(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName));
            settings = await tenantDb.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value);
            if (settings["plan.id"] == "enterprise") break;
            Assert.True(DateTime.UtcNow < deadline, "The plan never reached the tenant database.");
            await Task.Delay(100);
        }
        Assert.Equal("[\"booking_engine\",\"guest_messaging\"]", settings["features"]);
        Assert.Equal(JsonSerializer.Serialize(tenant.Limits), settings["limits"]);
        Assert.Single(await AuditAsync(bought.TenantId), a => a.Action == "tenant.change_plan");

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var lifecycle = scope.ServiceProvider.GetRequiredService<ITenantLifecycle>();
            var same = await lifecycle.ChangePlanAsync(bought.TenantId, new TenantPlanChange("enterprise", ["guest_messaging", "booking_engine"]), null, CancellationToken.None);
            Assert.Equal(TenantLifecycleOutcome.Unchanged, same.Outcome);
            var summary = await lifecycle.FindAsync(bought.TenantId, CancellationToken.None);
            Assert.Equal("enterprise", summary!.Plan);
            Assert.Equal(bought.TenantId, Assert.Single(await lifecycle.FindByOrderItemsAsync([bought.ItemId], CancellationToken.None)).Id);
        }
    }
}

public sealed class SqliteTenantLifecycleTests : TenantLifecycleTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));

    private protected override Task<bool> DatabaseExistsAsync(Tenant tenant) =>
        Task.FromResult(File.Exists(Path.Combine(App.DataDirectory, tenant.DatabaseName)));
}

[Collection("postgres")]
public sealed class PostgresTenantLifecycleTests(PostgresCluster cluster) : TenantLifecycleTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);

    private protected override async Task<bool> DatabaseExistsAsync(Tenant tenant)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", tenant.DatabaseName);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
