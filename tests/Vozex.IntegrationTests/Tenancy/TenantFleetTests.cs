using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vozex.Testing;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Tenancy.Data;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Lifecycle;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.IntegrationTests.Tenancy;

/// <summary>Provisions tenants by running the real driver in its own scope, committed the way the fulfilment worker commits it.</summary>
internal sealed class TenantFleet(VozexAppFactory app)
{
    private static long _nextId = 70_000_000 + Random.Shared.Next(1_000_000);

    public async Task<Tenant> ProvisionAsync(string productSlug = "harborstay-hotel-pms", string plan = "professional")
    {
        var slug = $"f{Guid.NewGuid():N}"[..16];
        var product = await WithDb(db => db.Set<Product>().AsNoTracking().SingleAsync(p => p.Slug == productSlug));
        var payload = JsonSerializer.Serialize(new { delivery_model = "saas", plan, features = Array.Empty<string>(), billing_cycle = "monthly", subdomain = slug });
        var id = Interlocked.Increment(ref _nextId);
        var job = new FulfillmentJob(id, Guid.NewGuid(), "VZX-TEST0-00000", id, Guid.NewGuid(), "owner@example.com", product.ProductType, product.Slug,
            product.Name, payload, 1, DateTimeOffset.UtcNow);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var driver = scope.ServiceProvider.GetServices<IFulfillmentDriver>().Last(d => d.Name == FulfillmentDrivers.SaasTenantProvisioning);
            await driver.RunAsync(job, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<AfterCommit>().Run();
        }
        return await TenantAsync(slug);
    }

    public Task<Tenant> TenantAsync(string slug) => WithDb(db => db.Set<Tenant>().AsNoTracking().SingleAsync(t => t.Slug == slug));

    public async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    public TenantDbContext Open(Tenant tenant) =>
        app.Services.GetRequiredService<TenantDatabases>().Open(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName));

    public Task<string> TemporaryPasswordAsync(Tenant tenant) => WithDb(async db =>
        TenantCredentialProtector.Create(app.Services.GetRequiredService<IDataProtectionProvider>())
            .Unprotect((await db.Set<TenantCredential>().SingleAsync(c => c.TenantId == tenant.Id)).ProtectedPassword));

    public HttpClient Site(string slug)
    {
        var baseAddress = app.ClientOptions.BaseAddress;
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Host = $"{slug}.localhost:{baseAddress.Port}";
        return client;
    }
}

/// <summary>Tenant schema upgrades (issue 5): new tenant migrations are rolled out to every existing tenant database.</summary>
public abstract class TenantSchemaRolloutTests : IAsyncLifetime
{
    private VozexAppFactory _app = null!;
    private TenantFleet _fleet = null!;

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    public async Task InitializeAsync()
    {
        _app = await CreateAppAsync(new Dictionary<string, string?>
        {
            // The test sweeps by hand; the hosted rollout only runs its start sweep.
            ["Vozex:Tenancy:SchemaUpgradeInterval"] = "1.00:00:00",
            ["Vozex:Tenancy:SchemaUpgradeParallelism"] = "2",
        });
        _app.UseKestrel(0);
        _app.StartServer();
        _fleet = new TenantFleet(_app);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    [Fact]
    public async Task Tenant_databases_behind_the_newest_tenant_migration_are_migrated_and_their_schema_version_recorded()
    {
        var latest = _app.Services.GetRequiredService<TenantDatabases>().LatestMigration;
        var tenants = new List<Tenant>();
        for (var i = 0; i < 5; i++) tenants.Add(await _fleet.ProvisionAsync(i % 2 == 0 ? "harborstay-hotel-pms" : "glowbook-salon"));
        Assert.All(tenants, t => Assert.Equal(latest, t.SchemaVersion));

        // Take every database back to the first tenant migration, as if they had been made by the previous release.
        string initial;
        foreach (var tenant in tenants)
        {
            await using var tenantDb = _fleet.Open(tenant);
            initial = tenantDb.Database.GetMigrations().First();
            await tenantDb.GetService<IMigrator>().MigrateAsync(initial);
            Assert.Equal(initial, (await tenantDb.Database.GetAppliedMigrationsAsync()).Last());
        }
        await using (var tenantDb = _fleet.Open(tenants[0])) initial = tenantDb.Database.GetMigrations().First();
        Assert.NotEqual(initial, latest);
        var ids = tenants.Select(t => t.Id).ToList();
        await _fleet.WithDb(db => db.Set<Tenant>().Where(t => ids.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.SchemaVersion, initial)));
        // A cancelled tenant's database is only waiting for deletion: the rollout leaves it alone.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var lifecycle = scope.ServiceProvider.GetRequiredService<Vozex.Web.Modules.Tenancy.Contracts.ITenantLifecycle>();
            await lifecycle.CancelAsync(tenants[4].Id, "Leaving", null, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SaveChangesAsync();
        }

        var rollout = _app.Services.GetRequiredService<TenantSchemaRollout>();
        Assert.Equal(4, await rollout.SweepAsync(CancellationToken.None));

        foreach (var tenant in tenants.Take(4))
        {
            Assert.Equal(latest, (await _fleet.TenantAsync(tenant.Slug)).SchemaVersion);
            await using var tenantDb = _fleet.Open(tenant);
            Assert.Equal(latest, (await tenantDb.Database.GetAppliedMigrationsAsync()).Last());
            Assert.Empty(await tenantDb.Database.GetPendingMigrationsAsync());
            Assert.All(await tenantDb.Users.AsNoTracking().Select(u => u.LastSignInAt).ToListAsync(), Assert.Null); // the new column exists
        }
        Assert.Equal(initial, (await _fleet.TenantAsync(tenants[4].Slug)).SchemaVersion);
        Assert.Equal(0, await rollout.SweepAsync(CancellationToken.None));

        // The upgraded schema is the one the site uses: a sign-in records its time in the new column.
        var password = await _fleet.TemporaryPasswordAsync(tenants[0]);
        var login = await _fleet.Site(tenants[0].Slug).PostAsJsonAsync("/api/tenant/auth/login", new { username = "admin", password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        await using (var tenantDb = _fleet.Open(tenants[0]))
            Assert.NotNull(await tenantDb.Users.AsNoTracking().Where(u => u.Username == "admin").Select(u => u.LastSignInAt).SingleAsync());
    }
}

public sealed class SqliteTenantSchemaRolloutTests : TenantSchemaRolloutTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection("postgres")]
public sealed class PostgresTenantSchemaRolloutTests(PostgresCluster cluster) : TenantSchemaRolloutTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}

/// <summary>
/// Two tenant database servers (issue 5): two throwaway PostgreSQL clusters listed in <c>Vozex:Tenancy:DatabaseServers</c>;
/// new tenants go to the least loaded one, each record names its server, and each database exists there and only there.
/// </summary>
[Collection("postgres")]
public sealed class PostgresTwoServerTenancyTests(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly PostgresCluster _second = new();
    private VozexAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        await _second.InitializeAsync();
        _app = await cluster.NewAppAsync(new Dictionary<string, string?>
        {
            ["Vozex:Tenancy:DatabaseServers:0"] = cluster.ConnectionString("postgres"),
            ["Vozex:Tenancy:DatabaseServers:1"] = _second.ConnectionString("postgres"),
        });
        _app.UseKestrel(0);
        _app.StartServer();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await _second.DisposeAsync();
    }

    private static async Task<bool> ExistsAsync(PostgresCluster server, string database)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    [Fact]
    public async Task Tenants_spread_across_both_servers_and_each_database_is_on_the_server_its_record_names()
    {
        var fleet = new TenantFleet(_app);
        var servers = new Dictionary<string, PostgresCluster>
        {
            [$"127.0.0.1:{cluster.Port}"] = cluster,
            [$"127.0.0.1:{_second.Port}"] = _second,
        };
        var tenants = new List<Tenant>();
        for (var i = 0; i < 6; i++) tenants.Add(await fleet.ProvisionAsync(i % 2 == 0 ? "harborstay-hotel-pms" : "glowbook-salon"));

        var perServer = tenants.GroupBy(t => t.DatabaseServer!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(servers.Keys.Order(), perServer.Keys.Order());
        Assert.All(perServer.Values, count => Assert.Equal(3, count)); // least loaded: an even spread
        foreach (var tenant in tenants)
        {
            var home = servers[tenant.DatabaseServer!];
            var other = servers.Values.Single(s => s != home);
            Assert.True(await ExistsAsync(home, tenant.DatabaseName), $"{tenant.Slug} is not on {tenant.DatabaseServer}");
            Assert.False(await ExistsAsync(other, tenant.DatabaseName), $"{tenant.Slug} is on both servers");
        }

        // A tenant on the second server is served from there.
        var onSecond = tenants.First(t => t.DatabaseServer == $"127.0.0.1:{_second.Port}");
        var login = await fleet.Site(onSecond.Slug).PostAsJsonAsync("/api/tenant/auth/login",
            new { username = "admin", password = await fleet.TemporaryPasswordAsync(onSecond) });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True((await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("must_change_password").GetBoolean());
    }
}
