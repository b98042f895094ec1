using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vozex.Testing;
using Vozex.Web.Modules.Fulfillment.Contracts;

// Usage: Vozex.CrashHost <port>, with the app's settings in VOZEX_CRASH_SETTINGS (key=value lines).
internal static class CrashHost
{
    public static async Task Main(string[] args)
    {
        var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        var settings = Environment.GetEnvironmentVariable("VOZEX_CRASH_SETTINGS")!
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => (string?)kv[1]);
        var connectionString = settings["ConnectionStrings:Marketplace"]!;

        await using var app = VozexAppFactory.Postgres(connectionString, settings).WithServices(services =>
        {
            foreach (var name in FulfillmentDrivers.All)
                services.AddScoped<IFulfillmentDriver>(_ => new CrashTestDriver(name, connectionString));
        });
        app.UseKestrel(port);
        app.StartServer();
        Console.WriteLine($"crash host {Environment.ProcessId} listening on {port}");
        await Task.Delay(Timeout.Infinite);
    }
}

/// <summary>
/// Behaves like a real driver with an external effect: the effect is written outside the record's transaction and is
/// idempotent by fulfilment id only when runs are sequential (check, then insert, no unique key). Two runs of one
/// record at the same time, or a re-run that is not idempotent, would leave two effect rows. Every run is logged.
/// </summary>
internal sealed class CrashTestDriver(string name, string connectionString) : IFulfillmentDriver
{
    public string Name => name;

    public async Task<FulfillmentResult> RunAsync(FulfillmentJob job, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var run = new NpgsqlCommand("INSERT INTO crash_runs (fulfillment_id, pid) VALUES ($1, $2)", connection))
        {
            run.Parameters.AddWithValue(job.FulfillmentId);
            run.Parameters.AddWithValue(Environment.ProcessId);
            await run.ExecuteNonQueryAsync(cancellationToken);
        }
        await Task.Delay(Random.Shared.Next(80, 300), cancellationToken);
        await using (var effect = new NpgsqlCommand(
            "INSERT INTO crash_effects (fulfillment_id, order_item_id) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM crash_effects WHERE fulfillment_id = $1)",
            connection))
        {
            effect.Parameters.AddWithValue(job.FulfillmentId);
            effect.Parameters.AddWithValue(job.OrderItemId);
            await effect.ExecuteNonQueryAsync(cancellationToken);
        }
        await Task.Delay(Random.Shared.Next(20, 100), cancellationToken);
        return FulfillmentResult.Active($"effect-{job.FulfillmentId}");
    }
}
