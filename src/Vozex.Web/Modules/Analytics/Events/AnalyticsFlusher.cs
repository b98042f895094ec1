using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Analytics.Events;

/// <summary>
/// Writes queued events in batches: it waits for the first event, then takes whatever else is already queued (up to
/// <see cref="BatchSize"/>) and inserts them in one SaveChanges. A failed batch is logged and dropped: view counts are
/// statistics, and retrying a poisoned batch forever would stall every later event.
/// </summary>
internal sealed partial class AnalyticsFlusher(AnalyticsQueue queue, IServiceScopeFactory scopes, ILogger<AnalyticsFlusher> logger) : BackgroundService
{
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AnalyticsEvent>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < BatchSize && queue.Reader.TryRead(out var e)) batch.Add(e);
                await WriteAsync(batch, CancellationToken.None);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is written below.
        }
        while (queue.Reader.TryRead(out var e))
        {
            batch.Add(e);
            if (batch.Count == BatchSize) { await WriteAsync(batch, CancellationToken.None); batch.Clear(); }
        }
        if (batch.Count > 0) await WriteAsync(batch, CancellationToken.None);
    }

    private async Task WriteAsync(List<AnalyticsEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            db.Set<AnalyticsEvent>().AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any failure: a crashed BackgroundService would stop the host, and statistics are not worth that.
            LogDropped(logger, ex, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a batch of {Count} analytics events that could not be written")]
    private static partial void LogDropped(ILogger logger, Exception exception, int count);
}
