using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Vozex.Testing;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Tenancy;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;

namespace Vozex.IntegrationTests.Tenancy;

/// <summary>Spare tenant databases cloned ahead (PostgreSQL): a new tenant renames one instead of cloning on the spot.</summary>
[Collection("postgres")]
public sealed class PostgresSpareDatabaseTests(PostgresCluster cluster) : IAsyncLifetime
{
    private VozexAppFactory _app = null!;
    private TenantFleet _fleet = null!;
    private string _prefix = "";

    public async Task InitializeAsync()
    {
        _app = await cluster.NewAppAsync(new Dictionary<string, string?>
        {
            ["Vozex:Tenancy:SpareDatabases"] = "2",
            ["Vozex:Tenancy:SpareRefillInterval"] = "00:00:00.200",
        });
        _app.UseKestrel(0);
        _app.StartServer();
        _fleet = new TenantFleet(_app);
        _prefix = _app.Services.GetRequiredService<IOptions<TenancyOptions>>().Value.DatabasePrefix;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task<Dictionary<string, uint>> DatabasesAsync(string startingWith)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT datname, oid FROM pg_database WHERE starts_with(datname, @p)", connection);
        command.Parameters.AddWithValue("p", startingWith);
        var found = new Dictionary<string, uint>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found[reader.GetString(0)] = reader.GetFieldValue<uint>(1);
        return found;
    }

    private async Task<Dictionary<string, uint>> WaitForSparesAsync(string productType, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var spares = await DatabasesAsync($"{_prefix}_s_{productType}_");
            if (spares.Count == count) return spares;
            Assert.True(DateTime.UtcNow < deadline, $"{spares.Count} spares of {productType}, expected {count}.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_new_tenant_takes_a_spare_database_and_the_pool_is_topped_up_while_spares_of_an_older_schema_are_dropped()
    {
        var productType = await _fleet.WithDb(db => db.Set<Product>().Where(p => p.Slug == "harborstay-hotel-pms").Select(p => p.ProductType).SingleAsync());
        // The first tenant of a type readies its template; spares of that type follow in the background.
        await _fleet.ProvisionAsync();
        var spares = await WaitForSparesAsync(productType, 2);

        // The next tenant's database is one of those spares, renamed (a rename keeps the database's oid).
        var tenant = await _fleet.ProvisionAsync();
        var own = (await DatabasesAsync(tenant.DatabaseName!))[tenant.DatabaseName!];
        Assert.Contains(own, spares.Values);
        await using (var tenantDb = _fleet.Open(tenant))
        {
            Assert.NotEmpty(await tenantDb.Items.ToListAsync());
            Assert.Equal(tenant.Id.ToString(), (await tenantDb.Settings.SingleAsync(s => s.Key == TenantSettingKeys.TenantId)).Value);
        }
        var refilled = await WaitForSparesAsync(productType, 2);
        Assert.DoesNotContain(own, refilled.Values);

        // A spare from before a tenant migration (another schema tag) is never handed out: the refill drops it.
        var stale = $"{_prefix}_s_{productType}_00000000_0badf00d";
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString("postgres", pooling: false)))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{stale}\" TEMPLATE \"{_prefix}_tpl_{productType}\"", connection).ExecuteNonQueryAsync();
        }
        var afterDrop = await WaitForSparesAsync(productType, 2);
        Assert.DoesNotContain(stale, afterDrop.Keys);
        var third = await _fleet.ProvisionAsync();
        Assert.Equal(TenantStatus.Active, third.Status);
    }
}
