namespace Vozex.Web.Platform.Jobs;

/// <summary>
/// A periodic sweep (expiry, clean-up). Each sweep must be a set of guarded, idempotent updates so that any
/// number of nodes may run it at once; a failed sweep is logged and the next tick tries again.
/// </summary>
public abstract partial class PeriodicSweeper(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Interval { get; }

    /// <summary>Runs one sweep; returns how many rows it changed. Public so tests can sweep on demand.</summary>
    public abstract Task<int> SweepAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        do
        {
            try { await SweepAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { LogSweepFailed(logger, ex, GetType().Name); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Sweeper} sweep failed; retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string sweeper);
}
