using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vozex.Web.Modules.Payments.Contracts;

namespace Vozex.Web.Modules.Payments.Health;

/// <summary>
/// Recent API calls and webhook verification failures per gateway, kept in memory on this node (a restart starts
/// afresh; each node reports what it saw). Every HTTP attempt counts, retries included, so a flaky gateway shows.
/// </summary>
internal sealed class GatewayHealth(TimeProvider time)
{
    public const int Window = 200;
    private readonly Dictionary<string, Tracker> _trackers = new(StringComparer.Ordinal);

    private Tracker For(string gateway)
    {
        lock (_trackers)
        {
            if (!_trackers.TryGetValue(gateway, out var tracker)) _trackers[gateway] = tracker = new Tracker();
            return tracker;
        }
    }

    public void RecordCall(string gateway, bool success, TimeSpan latency, string? error)
    {
        var tracker = For(gateway);
        lock (tracker)
        {
            tracker.Calls.Enqueue((success, latency.TotalMilliseconds));
            if (tracker.Calls.Count > Window) tracker.Calls.Dequeue();
            tracker.Total++;
            if (!success)
            {
                tracker.LastError = error is { Length: > 300 } ? error[..300] : error;
                tracker.LastErrorAt = time.GetUtcNow();
            }
        }
    }

    public void RecordWebhookRejected(string gateway, string reason)
    {
        var tracker = For(gateway);
        lock (tracker)
        {
            tracker.WebhookFailures++;
            tracker.LastWebhookFailure = reason;
            tracker.LastWebhookFailureAt = time.GetUtcNow();
        }
    }

    public void RecordWebhookAccepted(string gateway)
    {
        var tracker = For(gateway);
        lock (tracker) tracker.LastWebhookAt = time.GetUtcNow();
    }

    public GatewayHealthSnapshot Snapshot(string gateway, bool configured)
    {
        var tracker = For(gateway);
        lock (tracker)
        {
            var calls = tracker.Calls.ToArray();
            var latencies = calls.Select(c => c.LatencyMs).Order().ToArray();
            var successes = calls.Count(c => c.Success);
            return new GatewayHealthSnapshot(
                gateway, configured, tracker.Total, calls.Length, calls.Length - successes,
                calls.Length == 0 ? null : Math.Round((double)successes / calls.Length, 4),
                new LatencyView(Percentile(latencies, 0.50), Percentile(latencies, 0.95)),
                tracker.LastError, tracker.LastErrorAt,
                tracker.WebhookFailures, tracker.LastWebhookFailure, tracker.LastWebhookFailureAt, tracker.LastWebhookAt);
        }
    }

    /// <summary>Configured and failing: at least five recent calls, and the most recent five all failed or fewer than half succeed.</summary>
    public static bool IsFailing(GatewayHealthSnapshot snapshot, IReadOnlyList<bool> recent) =>
        snapshot.Configured && snapshot.RecentCalls >= 5 && (recent.TakeLast(5).All(ok => !ok) || snapshot.SuccessRate < 0.5);

    public IReadOnlyList<bool> RecentOutcomes(string gateway)
    {
        var tracker = For(gateway);
        lock (tracker) return tracker.Calls.Select(c => c.Success).ToList();
    }

    private static long? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : (long)Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private sealed class Tracker
    {
        public Queue<(bool Success, double LatencyMs)> Calls { get; } = new();
        public long Total { get; set; }
        public string? LastError { get; set; }
        public DateTimeOffset? LastErrorAt { get; set; }
        public long WebhookFailures { get; set; }
        public string? LastWebhookFailure { get; set; }
        public DateTimeOffset? LastWebhookFailureAt { get; set; }
        public DateTimeOffset? LastWebhookAt { get; set; }
    }
}

public sealed record LatencyView(long? P50, long? P95);

public sealed record GatewayHealthSnapshot(
    string Gateway,
    bool Configured,
    long TotalCalls,
    int RecentCalls,
    int RecentFailures,
    double? SuccessRate,
    LatencyView LatencyMs,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long WebhookVerificationFailures,
    string? LastWebhookVerificationFailure,
    DateTimeOffset? LastWebhookVerificationFailureAt,
    DateTimeOffset? LastWebhookAt);

/// <summary>
/// Sits inside the resilience handler, so it times each attempt: a 500 that a retry then fixes still counts as a
/// failure here. Only the status or exception type is recorded, never a body (it could carry customer data).
/// </summary>
internal sealed class GatewayTelemetryHandler(string gateway, GatewayHealth health) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var what = $"{request.Method} {request.RequestUri?.AbsolutePath}";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var ok = (int)response.StatusCode < 500 && (int)response.StatusCode != 429 && (int)response.StatusCode != 401;
            health.RecordCall(gateway, ok, Stopwatch.GetElapsedTime(started), ok ? null : $"{what} answered {(int)response.StatusCode}");
            return response;
        }
        catch (OperationCanceledException)
        {
            health.RecordCall(gateway, false, Stopwatch.GetElapsedTime(started), $"{what} timed out or was cancelled");
            throw;
        }
        catch (HttpRequestException ex)
        {
            health.RecordCall(gateway, false, Stopwatch.GetElapsedTime(started), $"{what} failed: {ex.HttpRequestError}");
            throw;
        }
    }
}

/// <summary>Readiness: configured gateways whose recent calls fail make the check degraded (the node still serves; checkout on another gateway works).</summary>
internal sealed class GatewaysHealthCheck(GatewayHealth health, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var configured = services.GetRequiredService<GatewayConfiguration>().Configured;
        var failing = configured
            .Where(g => GatewayHealth.IsFailing(health.Snapshot(g, configured: true), health.RecentOutcomes(g)))
            .ToList();
        var data = new Dictionary<string, object> { ["configured"] = string.Join(",", configured), ["failing"] = string.Join(",", failing) };
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy($"configured gateways: {(configured.Count == 0 ? "none" : string.Join(", ", configured))}", data)
            : HealthCheckResult.Degraded($"configured but failing: {string.Join(", ", failing)}", data: data));
    }
}

/// <summary>Which gateways have their credentials set (the sandbox counts when enabled), in the order checkout offers them.</summary>
internal sealed class GatewayConfiguration(IReadOnlyList<string> configured)
{
    public IReadOnlyList<string> Configured { get; } = configured;

    public bool IsConfigured(string gateway) => Configured.Contains(gateway);

    public static readonly IReadOnlyList<string> All = [GatewayNames.Sandbox, GatewayNames.DodoPayments, GatewayNames.PayPal];
}
