using Microsoft.EntityFrameworkCore;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Platform.Jobs;

/// <summary>Runs one claimed row. Throwing records a failure and schedules a retry.</summary>
public interface ILeasedWorkHandler<in T> where T : class, ILeasedWork
{
    Task HandleAsync(T work, CancellationToken cancellationToken);
}

public sealed class LeaseRunnerOptions<T>
{
    public int BatchSize { get; set; } = 20;
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Lets producers wake a runner right after they commit new work, instead of waiting for the next poll.</summary>
public sealed class WorkSignal<T>
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Pulse()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); }
            catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Claims due rows of one table with a compare-and-set lease (an UPDATE that only succeeds while the row
/// is due and unleased, identical on SQLite and PostgreSQL), runs the handler in its own scope and records
/// the outcome. Idle polling is one indexed query per <see cref="LeaseRunnerOptions{T}.IdlePoll"/>.
/// </summary>
public sealed partial class LeaseRunner<T>(
    IServiceScopeFactory scopes,
    LeaseRunnerOptions<T> options,
    WorkSignal<T> signal,
    TimeProvider time,
    ILogger<LeaseRunner<T>> logger) : BackgroundService where T : class, ILeasedWork
{
    private readonly string _owner = $"{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int processed;
            try
            {
                processed = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRunnerError(logger, ex, typeof(T).Name);
                processed = 0;
            }
            if (processed == 0)
            {
                try { await signal.WaitAsync(options.IdlePoll, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Claims and runs one batch; returns how many rows ran. Public for tests that drive the runner by hand.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        foreach (var id in claimed)
            await RunAsync(id, cancellationToken);
        return claimed.Count;
    }

    private async Task<List<long>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var now = time.GetUtcNow();
        var candidates = await Due(db.Set<T>(), now)
            .OrderBy(w => w.NextAttemptAt)
            .Select(w => w.Id)
            .Take(options.BatchSize)
            .ToListAsync(cancellationToken);

        var claimed = new List<long>(candidates.Count);
        var until = now + options.Lease;
        foreach (var id in candidates)
        {
            var won = await Due(db.Set<T>(), now)
                .Where(w => w.Id == id)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(w => w.LeaseOwner, _owner)
                    .SetProperty(w => w.LeaseExpiresAt, until)
                    .SetProperty(w => w.Attempts, w => w.Attempts + 1), cancellationToken);
            if (won == 1) claimed.Add(id);
        }
        return claimed;
    }

    private static IQueryable<T> Due(IQueryable<T> rows, DateTimeOffset now) =>
        rows.Where(w => (w.Status == WorkStatus.Pending || w.Status == WorkStatus.Retrying)
                        && w.NextAttemptAt <= now
                        && (w.LeaseExpiresAt == null || w.LeaseExpiresAt < now));

    private async Task RunAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var work = await db.Set<T>().SingleAsync(w => w.Id == id, cancellationToken);
        if (work.LeaseOwner != _owner) return;

        var handler = scope.ServiceProvider.GetRequiredService<ILeasedWorkHandler<T>>();
        try
        {
            await handler.HandleAsync(work, cancellationToken);
            work.Status = WorkStatus.Done;
            work.CompletedAt = time.GetUtcNow();
            work.LastError = null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // the lease expires and another attempt (here or on another node) runs it again
        }
        catch (Exception ex)
        {
            // The handler's partial changes are discarded; only the failure is recorded.
            db.ChangeTracker.Clear();
            work = await db.Set<T>().SingleAsync(w => w.Id == id, cancellationToken);
            work.LastError = Truncate(ex.GetType().Name + ": " + ex.Message, 2000);
            if (work.Attempts >= options.MaxAttempts)
            {
                work.Status = WorkStatus.Failed;
                LogGaveUp(logger, ex, typeof(T).Name, id, work.Attempts);
            }
            else
            {
                work.Status = WorkStatus.Retrying;
                work.NextAttemptAt = time.GetUtcNow() + Backoff.Delay(work.Attempts, options.RetryBase, options.RetryMax, Random.Shared);
                LogRetry(logger, ex, typeof(T).Name, id, work.Attempts);
            }
        }
        work.LeaseOwner = null;
        work.LeaseExpiresAt = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Error, Message = "The {WorkType} runner failed to claim work")]
    private static partial void LogRunnerError(ILogger logger, Exception exception, string workType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{WorkType} {Id} failed on attempt {Attempt}; will retry")]
    private static partial void LogRetry(ILogger logger, Exception exception, string workType, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{WorkType} {Id} failed after {Attempt} attempts; giving up")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string workType, long id, int attempt);
}

public static class LeaseRunnerRegistration
{
    /// <summary>Registers a runner for the rows of <typeparamref name="T"/> and its handler.</summary>
    public static IServiceCollection AddLeasedWork<T, THandler>(this IServiceCollection services, Action<LeaseRunnerOptions<T>>? configure = null)
        where T : class, ILeasedWork
        where THandler : class, ILeasedWorkHandler<T>
    {
        var options = new LeaseRunnerOptions<T>();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<WorkSignal<T>>();
        services.AddScoped<ILeasedWorkHandler<T>, THandler>();
        services.AddSingleton<LeaseRunner<T>>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaseRunner<T>>());
        return services;
    }
}
