using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Bench.Queue;

/// <summary>
/// The fulfilment queue on PostgreSQL with a no-op driver (issue 4's performance goals): drain throughput for one and
/// two nodes, enqueue → start latency at a steady trickle, and idle polling in queries per second per node.
/// Run by <c>bench/queue.sh</c>, which starts a throwaway cluster and passes its connection string.
/// </summary>
internal static class QueueBenchmark
{
    public static async Task<int> RunAsync(string connectionString, int records)
    {
        var probe = new StartProbe();
        await using var first = Node(connectionString, probe);
        _ = first.Server; // migrates and seeds before anything is measured

        Console.WriteLine($"# fulfilment queue, PostgreSQL, no-op driver, batch 50, 8 parallel per node, {Environment.ProcessorCount} cores");
        var idle = await IdleTransactionsPerSecondAsync(connectionString, TimeSpan.FromSeconds(20));
        Console.WriteLine($"idle, 1 node: {idle.ToString("0.0", CultureInfo.InvariantCulture)} transactions/s (every poller of the node, measured over 20 s)");

        await DrainAsync("drain, 1 node", first, connectionString, records, probe, [first]);

        await using var second = Node(connectionString, probe);
        _ = second.Server;
        await DrainAsync("drain, 2 nodes", first, connectionString, records, probe, [first, second]);
        var idleTwo = await IdleTransactionsPerSecondAsync(connectionString, TimeSpan.FromSeconds(20));
        Console.WriteLine($"idle, 2 nodes: {(idleTwo / 2).ToString("0.0", CultureInfo.InvariantCulture)} transactions/s per node");

        await TrickleAsync(first, probe, perSecond: 50, seconds: 20);
        return 0;
    }

    private static WebApplicationFactory<global::Program> Node(string connectionString, StartProbe probe) =>
        new WebApplicationFactory<global::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Vozex:Database:Provider", "postgres");
            web.UseSetting("ConnectionStrings:Marketplace", connectionString);
            web.UseSetting("Vozex:DataDirectory", Directory.CreateTempSubdirectory("vozex-queue-bench-").FullName);
            web.UseSetting("Vozex:Seed:Demo", "false");
            web.UseSetting("Vozex:Payments:Sandbox:Enabled", "true");
            web.UseSetting("Vozex:Bootstrap:AdminEmail", "admin@bench.local");
            web.UseSetting("Vozex:Bootstrap:AdminPassword", "bench-admin-password-1");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.ConfigureTestServices(services =>
            {
                foreach (var name in FulfillmentDrivers.All)
                    services.AddScoped<IFulfillmentDriver>(_ => new NoOpDriver(name, probe));
            });
        });

    private static async Task DrainAsync(string label, WebApplicationFactory<global::Program> app, string connectionString, int count, StartProbe probe,
        IReadOnlyList<WebApplicationFactory<global::Program>> nodes)
    {
        probe.Reset();
        // Inserted not yet due, then released at once: the clock starts with every record waiting.
        var hold = DateTimeOffset.UtcNow.AddHours(1);
        await InsertAsync(app, count, hold);
        var stopwatch = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var release = new NpgsqlCommand("UPDATE fulfillment_records SET next_attempt_at = now() - interval '1 second' WHERE status = 'pending'", connection);
            await release.ExecuteNonQueryAsync();
        }
        foreach (var node in nodes) node.Services.GetRequiredService<WorkSignal<FulfillmentRecord>>().Pulse();
        while (probe.Started < count) await Task.Delay(5);
        while (await PendingAsync(connectionString) > 0) await Task.Delay(5);
        stopwatch.Stop();
        Console.WriteLine($"{label}: {count} records in {stopwatch.Elapsed.TotalSeconds:0.00} s = {count / stopwatch.Elapsed.TotalSeconds:0} records/s");
    }

    private static async Task TrickleAsync(WebApplicationFactory<global::Program> app, StartProbe probe, int perSecond, int seconds)
    {
        probe.Reset();
        var signal = app.Services.GetRequiredService<WorkSignal<FulfillmentRecord>>();
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; i < perSecond * seconds; i++)
        {
            await InsertAsync(app, 1, due: null);
            signal.Pulse(); // what the payment handler's after-commit action does
            next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
        while (probe.Started < perSecond * seconds) await Task.Delay(10);
        var latencies = probe.Latencies.Order().ToArray();
        Console.WriteLine($"enqueue → start at {perSecond}/s for {seconds} s, 1 node: p50 {Percentile(latencies, 0.50):0.0} ms, "
            + $"p95 {Percentile(latencies, 0.95):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, max {latencies[^1]:0.0} ms");
    }

    private static async Task InsertAsync(WebApplicationFactory<global::Program> app, int count, DateTimeOffset? due)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            db.Add(new FulfillmentRecord
            {
                OrderId = Guid.NewGuid(),
                OrderNumber = "VZX-BENCH-00000",
                OrderItemId = Interlocked.Increment(ref _nextItem),
                CustomerId = Guid.NewGuid(),
                CustomerEmail = "bench@example.com",
                Driver = FulfillmentDrivers.All[i % 3],
                ProductType = "pos_retail",
                ProductSlug = "bench",
                ProductName = "Bench",
                PayloadSnapshot = "{}",
                PaidAt = now,
                CreatedAt = now,
                NextAttemptAt = due ?? now,
            });
        }
        await db.SaveChangesAsync();
    }

    private static long _nextItem = 1_000_000_000;

    private static async Task<long> PendingAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM fulfillment_records WHERE status NOT IN ('active', 'completed')", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Committed transactions in the database per second while nothing is queued (each poll is one).</summary>
    private static async Task<double> IdleTransactionsPerSecondAsync(string connectionString, TimeSpan window)
    {
        await Task.Delay(TimeSpan.FromSeconds(3)); // let start-up work settle
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        async Task<long> CommitsAsync()
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = $1", connection);
            command.Parameters.AddWithValue(database!);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        var before = await CommitsAsync();
        await Task.Delay(window);
        var after = await CommitsAsync();
        return (after - before - 1) / window.TotalSeconds; // minus our own first reading
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed class StartProbe
    {
        private int _started;
        public ConcurrentBag<double> Latencies { get; private set; } = [];
        public int Started => Volatile.Read(ref _started);

        public void Reset()
        {
            _started = 0;
            Latencies = [];
        }

        public void Record(DateTimeOffset paidAt)
        {
            Latencies.Add((DateTimeOffset.UtcNow - paidAt).TotalMilliseconds);
            Interlocked.Increment(ref _started);
        }
    }

    private sealed class NoOpDriver(string name, StartProbe probe) : IFulfillmentDriver
    {
        public string Name => name;

        public Task<FulfillmentResult> RunAsync(FulfillmentJob job, CancellationToken cancellationToken)
        {
            probe.Record(job.PaidAt);
            return Task.FromResult(FulfillmentResult.Completed(null));
        }
    }
}
