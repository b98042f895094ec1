using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Vozex.Testing;
using Vozex.Web.Modules.Fulfillment.Contracts;

namespace Vozex.IntegrationTests.Fulfillment;

/// <summary>
/// Test-only drivers under the three real driver names. They record every run (and any run that overlaps another
/// run of the same record), can be told to fail a number of times or to hang, and return the record id as their
/// external reference so a test can tie an effect to its record.
/// </summary>
public sealed class DriverProbe
{
    private readonly ConcurrentDictionary<long, int> _running = new();
    private readonly ConcurrentDictionary<long, int> _runs = new();
    private readonly ConcurrentDictionary<string, int> _runsByNode = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();

    public ConcurrentQueue<long> Overlaps { get; } = new();

    /// <summary>Time each run takes (real time), to give concurrent runs a chance to overlap.</summary>
    public TimeSpan Work { get; set; } = TimeSpan.Zero;

    /// <summary>Runs started while this is set never finish on their own.</summary>
    public volatile bool Hang;

    public void FailNext(string driver, int times) => _failuresLeft[driver] = times;

    public int Runs(long fulfillmentId) => _runs.GetValueOrDefault(fulfillmentId);

    public int TotalRuns => _runs.Values.Sum();

    public int RunsOn(string node) => _runsByNode.GetValueOrDefault(node);

    internal async Task<FulfillmentResult> RunAsync(string driver, string node, FulfillmentJob job, CancellationToken cancellationToken)
    {
        if (_running.AddOrUpdate(job.FulfillmentId, 1, (_, n) => n + 1) > 1) Overlaps.Enqueue(job.FulfillmentId);
        try
        {
            _runs.AddOrUpdate(job.FulfillmentId, 1, (_, n) => n + 1);
            _runsByNode.AddOrUpdate(node, 1, (_, n) => n + 1);
            if (Hang) await Task.Delay(Timeout.Infinite, cancellationToken);
            if (Work > TimeSpan.Zero) await Task.Delay(Work, cancellationToken);
            if (ConsumeFailure(driver)) throw new InvalidOperationException($"{driver} was told to fail.");
            var reference = $"effect-{job.FulfillmentId}";
            return driver == FulfillmentDrivers.ServiceFulfillment
                ? FulfillmentResult.Completed(reference)
                : FulfillmentResult.Active(reference, $"https://{job.ProductSlug}.example/{job.FulfillmentId}");
        }
        finally
        {
            _running.AddOrUpdate(job.FulfillmentId, 0, (_, n) => n - 1);
        }
    }

    private bool ConsumeFailure(string driver)
    {
        while (true)
        {
            var left = _failuresLeft.GetValueOrDefault(driver);
            if (left <= 0) return false;
            if (_failuresLeft.TryUpdate(driver, left - 1, left)) return true;
        }
    }
}

internal sealed class ScriptedDriver(DriverProbe probe, string name, string node) : IFulfillmentDriver
{
    public string Name => name;

    public Task<FulfillmentResult> RunAsync(FulfillmentJob job, CancellationToken cancellationToken) =>
        probe.RunAsync(name, node, job, cancellationToken);
}

public static class ScriptedDriverRegistration
{
    /// <summary>Registers the probe's drivers under all three names (registered last, so they win).</summary>
    public static VozexAppFactory WithScriptedDrivers(this VozexAppFactory app, DriverProbe probe, string node = "a") =>
        app.WithServices(services =>
        {
            foreach (var name in FulfillmentDrivers.All)
                services.AddScoped<IFulfillmentDriver>(_ => new ScriptedDriver(probe, name, node));
        });
}
