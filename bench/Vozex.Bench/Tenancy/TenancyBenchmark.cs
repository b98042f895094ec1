using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Modules.Tenancy.Data;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Lifecycle;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Bench.Tenancy;

/// <summary>
/// Issue 5's goals on PostgreSQL, with the real saas_tenant_provisioning driver: paid → tenant active at a steady arrival
/// rate (through the fulfilment worker), tenants provisioned back to back, concurrent provisions, the schema rollout across
/// many tenant databases, and template cloning against migrating each new database. Run by <c>bench/tenancy.sh</c>.
/// </summary>
internal static class TenancyBenchmark
{
    private const string Product = "harborstay-hotel-pms";
    private const string ProductType = "hotel_management";
    private static long _item = 3_000_000_000;

    public static async Task<int> RunAsync(string connectionString, int perSecond, int seconds, int backToBack, int concurrent, int upgrade, int compare)
    {
        // Spare databases cloned ahead (Vozex:Tenancy:SpareDatabases); 0, the app's default, measures cloning on demand.
        var spares = int.Parse(Environment.GetEnvironmentVariable("VOZEX_BENCH_SPARES") ?? "0", CultureInfo.InvariantCulture);
        await using var app = new WebApplicationFactory<global::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Vozex:Database:Provider", "postgres");
            web.UseSetting("ConnectionStrings:Marketplace", connectionString);
            web.UseSetting("Vozex:DataDirectory", Directory.CreateTempSubdirectory("vozex-tenancy-bench-").FullName);
            web.UseSetting("Vozex:Seed:Demo", "true");
            web.UseSetting("Vozex:Payments:Sandbox:Enabled", "true");
            web.UseSetting("Vozex:Bootstrap:AdminEmail", "admin@bench.local");
            web.UseSetting("Vozex:Bootstrap:AdminPassword", "bench-admin-password-1");
            web.UseSetting("Vozex:Tenancy:SchemaUpgradeInterval", "1.00:00:00"); // the benchmark sweeps by hand
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Vozex:Tenancy:SpareDatabases", spares.ToString(CultureInfo.InvariantCulture));
            web.UseSetting("Vozex:Tenancy:SpareRefillInterval", "00:00:01");
            web.ConfigureTestServices(services => services.AddSingleton<IProvisioningObserver>(Steps));
        });
        _ = app.Server;
        Console.WriteLine($"# tenancy, PostgreSQL, real driver (template clone + settings + admin user), {Environment.ProcessorCount} cores");

        // Warm-up: the product type's template is migrated and seeded once per process; not part of any figure.
        var warm = Stopwatch.StartNew();
        await ProvisionAsync(app);
        Console.WriteLine($"warm-up (template migrated and seeded, first tenant): {warm.ElapsedMilliseconds} ms");
        if (spares > 0) await WaitForSparesAsync(connectionString, spares);

        await ArrivalsAsync(app, perSecond, seconds, "VZX-BENCH-SAAS0");
        // The same arrivals at a quarter of the rate: the latency of one provision when the queue is not saturated.
        await ArrivalsAsync(app, Math.Max(1, perSecond / 4), seconds, "VZX-BENCH-SAAS2");
        await BackToBackAsync(app, backToBack);
        await ConcurrentAsync(app, concurrent);
        await UpgradeAsync(app, upgrade, parallelism: 4);
        await CompareAsync(app, connectionString, compare);
        return 0;
    }

    /// <summary>The pool fills in the background once the template exists; the arrivals start from a full pool.</summary>
    private static async Task WaitForSparesAsync(string connectionString, int spares)
    {
        var filling = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        while (true)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname LIKE @pattern", connection);
            count.Parameters.AddWithValue("pattern", $"%\\_s\\_{ProductType.Replace("_", "\\_", StringComparison.Ordinal)}\\_%");
            if ((long)(await count.ExecuteScalarAsync())! >= spares) break;
            await Task.Delay(500);
        }
        Console.WriteLine($"spare databases: {spares} of {ProductType} cloned ahead in {filling.Elapsed.TotalSeconds:0.0} s (Vozex:Tenancy:SpareDatabases)");
    }

    /// <summary>Paid SaaS items queued as fulfilment records (what a payment commits) at a steady rate, provisioned by the worker.</summary>
    private static async Task ArrivalsAsync(WebApplicationFactory<global::Program> app, int perSecond, int seconds, string orderNumber)
    {
        var count = perSecond * seconds;
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
                var now = DateTimeOffset.UtcNow;
                var item = Interlocked.Increment(ref _item);
                db.Add(new FulfillmentRecord
                {
                    OrderId = Guid.NewGuid(),
                    OrderNumber = orderNumber,
                    OrderItemId = item,
                    CustomerId = Guid.NewGuid(),
                    CustomerEmail = "bench@example.com",
                    Driver = FulfillmentDrivers.SaasTenantProvisioning,
                    ProductType = ProductType,
                    ProductSlug = Product,
                    ProductName = "HarborStay Hotel PMS",
                    PayloadSnapshot = Payload($"r{item}"),
                    PaidAt = now,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
                await db.SaveChangesAsync();
            }
            app.Services.GetRequiredService<WorkSignal<FulfillmentRecord>>().Pulse();
            next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }

        List<(DateTimeOffset Paid, DateTimeOffset? Finished, FulfillmentStatus Status)> rows;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            rows = (await db.Set<FulfillmentRecord>().AsNoTracking().Where(r => r.OrderNumber == orderNumber)
                .Select(r => new { r.PaidAt, r.FinishedAt, r.Status }).ToListAsync()).Select(r => (r.PaidAt, r.FinishedAt, r.Status)).ToList();
            if (rows.All(r => r.Status is FulfillmentStatus.Active or FulfillmentStatus.Failed) || DateTime.UtcNow > deadline) break;
            await Task.Delay(200);
        }
        var latencies = rows.Where(r => r.Status == FulfillmentStatus.Active).Select(r => (r.Finished!.Value - r.Paid).TotalMilliseconds).Order().ToArray();
        Console.WriteLine($"paid → tenant active, {count} SaaS items at {perSecond}/s through the fulfilment worker: active {latencies.Length} of {count}, "
            + $"failed {rows.Count(r => r.Status == FulfillmentStatus.Failed)}; p50 {P(latencies, 0.50):0} ms, p95 {P(latencies, 0.95):0} ms, "
            + $"p99 {P(latencies, 0.99):0} ms, max {(latencies.Length > 0 ? latencies[^1] : double.NaN):0} ms");
    }

    private static async Task BackToBackAsync(WebApplicationFactory<global::Program> app, int count)
    {
        var each = new List<double>(count);
        Steps.Clear();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var one = Stopwatch.StartNew();
            await ProvisionAsync(app);
            each.Add(one.Elapsed.TotalMilliseconds);
        }
        total.Stop();
        Console.WriteLine("  mean per step: " + string.Join(", ", Steps.MeanMilliseconds().Select(s => $"{s.Step} {s.Ms:0} ms")) + ", then the commit");
        var sorted = each.Order().ToArray();
        Console.WriteLine($"{count} tenants back to back (driver + commit, one at a time): {total.Elapsed.TotalSeconds:0.0} s total, "
            + $"p50 {P(sorted, 0.5):0} ms, p95 {P(sorted, 0.95):0} ms, max {sorted[^1]:0} ms per tenant");
    }

    private static async Task ConcurrentAsync(WebApplicationFactory<global::Program> app, int count)
    {
        var total = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            try
            {
                await ProvisionAsync(app);
                return (string?)null;
            }
            catch (Exception e)
            {
                return e.GetType().Name + ": " + e.Message;
            }
        }));
        total.Stop();
        var failures = runs.Where(r => r is not null).ToList();
        Console.WriteLine($"{count} concurrent provisions: {count - failures.Count} succeeded, {failures.Count} failed, {total.Elapsed.TotalSeconds:0.0} s wall");
        foreach (var failure in failures.Distinct().Take(3)) Console.WriteLine($"  failure: {failure}");
    }

    /// <summary>Puts <paramref name="count"/> tenant databases back to the first tenant migration, then times the rollout sweep.</summary>
    private static async Task UpgradeAsync(WebApplicationFactory<global::Program> app, int count, int parallelism)
    {
        List<Tenant> tenants;
        await using (var scope = app.Services.CreateAsyncScope())
            tenants = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Tenant>().AsNoTracking()
                .OrderBy(t => t.CreatedAt).Take(count).ToListAsync();
        var databases = app.Services.GetRequiredService<TenantDatabases>();
        string initial = "";
        var down = Stopwatch.StartNew();
        await Parallel.ForEachAsync(tenants, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (tenant, ct) =>
        {
            await using var tenantDb = databases.Open(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName), pooling: false);
            initial = tenantDb.Database.GetMigrations().First();
            await tenantDb.GetService<IMigrator>().MigrateAsync(initial, ct);
        });
        var ids = tenants.Select(t => t.Id).ToList();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Tenant>().Where(t => ids.Contains(t.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.SchemaVersion, initial));
        Console.WriteLine($"(setup: {tenants.Count} tenant databases taken back to {initial} in {down.Elapsed.TotalSeconds:0.0} s)");

        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Vozex.Web.Modules.Tenancy.TenancyOptions>>().Value;
        options.SchemaUpgradeParallelism = parallelism;
        var rollout = app.Services.GetRequiredService<TenantSchemaRollout>();
        var timer = Stopwatch.StartNew();
        var upgraded = await rollout.SweepAsync(CancellationToken.None);
        timer.Stop();
        Console.WriteLine($"schema rollout: {upgraded} of {tenants.Count} tenant databases migrated to {databases.LatestMigration}, parallelism {parallelism}: "
            + $"{timer.Elapsed.TotalSeconds:0.0} s ({timer.Elapsed.TotalMilliseconds / Math.Max(1, upgraded):0} ms per database, wall)");
    }

    /// <summary>New tenant databases made by cloning the product type's template against creating them empty and migrating and seeding each.</summary>
    private static async Task CompareAsync(WebApplicationFactory<global::Program> app, string connectionString, int count)
    {
        var databases = app.Services.GetRequiredService<TenantDatabases>();
        var template = databases.Servers[0];
        var prefix = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Vozex.Web.Modules.Tenancy.TenancyOptions>>().Value.DatabasePrefix;
        var clone = new List<double>();
        var fileCopy = new List<double>();
        var migrate = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            await ExecuteAsync(connectionString, $"CREATE DATABASE \"bench_clone_{i}\" TEMPLATE \"{prefix}_tpl_{ProductType}\"");
            clone.Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            await ExecuteAsync(connectionString, $"CREATE DATABASE \"bench_copy_{i}\" TEMPLATE \"{prefix}_tpl_{ProductType}\" STRATEGY = FILE_COPY");
            fileCopy.Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            await ExecuteAsync(connectionString, $"CREATE DATABASE \"bench_migrate_{i}\"");
            var target = new NpgsqlConnectionStringBuilder(template.ConnectionString) { Database = $"bench_migrate_{i}", Pooling = false }.ConnectionString;
            await using (var db = new PostgresTenantDbContext((DbContextOptions<PostgresTenantDbContext>)TenantDbContext
                .ConfigurePostgres(new DbContextOptionsBuilder<PostgresTenantDbContext>(), target).Options))
            {
                await db.Database.MigrateAsync();
                db.Items.AddRange(StarterData.For(ProductType));
                await db.SaveChangesAsync();
            }
            migrate.Add(watch.Elapsed.TotalMilliseconds);
        }
        var c = clone.Order().ToArray();
        var m = migrate.Order().ToArray();
        var f = fileCopy.Order().ToArray();
        Console.WriteLine($"new tenant database, {count} each, sequential: clone from template (WAL_LOG, PostgreSQL 15's default, what the app does) "
            + $"p50 {P(c, 0.5):0} ms, p95 {P(c, 0.95):0} ms; clone with STRATEGY = FILE_COPY p50 {P(f, 0.5):0} ms, p95 {P(f, 0.95):0} ms; "
            + $"create + migrate + seed p50 {P(m, 0.5):0} ms, p95 {P(m, 0.95):0} ms");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ProvisionAsync(WebApplicationFactory<global::Program> app)
    {
        var item = Interlocked.Increment(ref _item);
        Steps.Start($"b{item}");
        var job = new FulfillmentJob(item, Guid.NewGuid(), "VZX-BENCH-SAAS1", item, Guid.NewGuid(), "bench@example.com", ProductType, Product,
            "HarborStay Hotel PMS", Payload($"b{item}"), 1, DateTimeOffset.UtcNow);
        await using var scope = app.Services.CreateAsyncScope();
        var driver = scope.ServiceProvider.GetServices<IFulfillmentDriver>().Last(d => d.Name == FulfillmentDrivers.SaasTenantProvisioning);
        await driver.RunAsync(job, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<AfterCommit>().Run();
    }

    private static string Payload(string slug) =>
        JsonSerializer.Serialize(new { delivery_model = "saas", plan = "professional", features = new[] { "booking_engine" }, billing_cycle = "annual", subdomain = slug });

    private static readonly StepClock Steps = new();

    /// <summary>Times each provisioning step of the back-to-back runs (the driver reports every step to its observers).</summary>
    private sealed class StepClock : IProvisioningObserver
    {
        private readonly ConcurrentDictionary<string, long> _last = new();
        private readonly ConcurrentDictionary<ProvisioningStep, List<double>> _spent = new();

        public void Start(string slug) => _last[slug] = Stopwatch.GetTimestamp();

        public void Clear() => _spent.Clear();

        public Task AfterStepAsync(ProvisioningStep step, string slug, CancellationToken cancellationToken)
        {
            var now = Stopwatch.GetTimestamp();
            if (_last.TryGetValue(slug, out var before))
            {
                var list = _spent.GetOrAdd(step, _ => []);
                lock (list) list.Add(Stopwatch.GetElapsedTime(before, now).TotalMilliseconds);
            }
            _last[slug] = now;
            return Task.CompletedTask;
        }

        public IEnumerable<(ProvisioningStep Step, double Ms)> MeanMilliseconds() =>
            _spent.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value.Average()));
    }

    private static double P(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
