using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Platform.Jobs;

/// <summary>Runs one claimed row. Throwing records a failure and schedules a retry.</summary>
public interface ILeasedWorkHandler<in T> where T : class, ILeasedWork
{
    Task HandleAsync(T work, CancellationToken cancellationToken);
}

/// <summary>
/// A handler whose outcome changes other rows too: called inside the outcome's transaction after the row is written,
/// so what it reads includes this outcome and what it writes commits with it.
/// </summary>
public interface ILeasedWorkOutcomeObserver<in T> where T : class, ILeasedWork
{
    Task OutcomeSavedAsync(T work, CancellationToken cancellationToken);
}

public sealed class LeaseRunnerOptions<T>
{
    /// <summary>The most rows one claim takes (the background loop also keeps at most twice <see cref="Parallelism"/> in hand).</summary>
    public int BatchSize { get; set; } = 20;
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a claim lasts without renewal; a killed node's rows are taken over after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows run at once, each in its own scope.</summary>
    public int Parallelism { get; set; } = 1;
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
/// Actions a handler wants done only once its unit of work has committed (waking another runner for the rows it
/// created, say). The runner drains them after its final save; discarded when the handler fails.
/// </summary>
public sealed class AfterCommit
{
    private readonly List<Action> _actions = [];

    public void Add(Action action) => _actions.Add(action);

    internal void Clear() => _actions.Clear();

    internal void Run()
    {
        foreach (var action in _actions) action();
        _actions.Clear();
    }
}

/// <summary>
/// Claims due rows of one table and runs them. A claim stamps a fresh owner token and a short lease on each row;
/// on PostgreSQL the candidate rows are locked with <c>FOR UPDATE SKIP LOCKED</c> first, so nodes claiming at the same
/// time skip each other's rows instead of queueing behind them. While a handler runs its lease is renewed; the
/// outcome is saved only while the token still holds (it is a concurrency token), so a node that lost its lease
/// can never record a second outcome. Idle polling is one indexed query per <see cref="LeaseRunnerOptions{T}.IdlePoll"/>.
/// </summary>
public sealed partial class LeaseRunner<T>(
    IServiceScopeFactory scopes,
    LeaseRunnerOptions<T> options,
    WorkSignal<T> signal,
    TimeProvider time,
    ILogger<LeaseRunner<T>> logger) : BackgroundService where T : class, ILeasedWork<T>
{
    private readonly string _node = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    private long _claims;

    /// <summary>
    /// Keeps up to <see cref="LeaseRunnerOptions{T}.Parallelism"/> rows running and claims more as soon as one finishes,
    /// so a slow row never holds back rows that became due after it (no waiting for a whole batch). Rows in hand
    /// (running or about to start) are kept at no more than twice the parallelism: enough that a freed slot rarely
    /// waits for a claim, few enough that a claimed row starts (and renews its lease) soon.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parallelism = Math.Max(1, options.Parallelism);
        var running = new List<Task>(parallelism);
        var waiting = new Queue<(T Work, string Claim)>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                while (running.Count < parallelism && waiting.TryDequeue(out var next))
                    running.Add(RunInBackgroundAsync(next.Work, next.Claim, stoppingToken));

                if (running.Count >= parallelism)
                {
                    // Every finished run pulses the signal, so this wakes as soon as a slot frees.
                    await signal.WaitAsync(options.IdlePoll, stoppingToken);
                    continue;
                }

                ClaimResult result;
                var claim = NextClaim();
                try
                {
                    var (candidates, claimed) = await ClaimAsync(claim, Math.Min(options.BatchSize, 2 * parallelism - running.Count), stoppingToken);
                    foreach (var work in claimed) waiting.Enqueue((work, claim));
                    result = new ClaimResult(candidates, claimed.Count);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogRunnerError(logger, ex, typeof(T).Name);
                    result = new ClaimResult(0, 0);
                }

                if (result.Candidates == 0)
                    await signal.WaitAsync(options.IdlePoll, stoppingToken);
                else if (result.Claimed == 0)
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50)), stoppingToken); // another node won the race; a real pause even under a fake clock
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Runs see the stop and hand their rows back; rows claimed but never started are handed back here.
            while (waiting.TryDequeue(out var unstarted)) await ReleaseAsync(unstarted.Work.Id, unstarted.Claim);
            await Task.WhenAll(running);
        }
    }

    /// <summary>Claims and runs one batch; returns how many rows ran. Public for tests that drive the runner by hand.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claim = NextClaim();
        var (_, claimed) = await ClaimAsync(claim, options.BatchSize, cancellationToken);
        await Parallel.ForEachAsync(claimed,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            async (work, ct) => await RunAsync(work, claim, ct));
        return claimed.Count;
    }

    private readonly record struct ClaimResult(int Candidates, int Claimed);

    private string NextClaim() => $"{_node}/{Interlocked.Increment(ref _claims)}";

    /// <summary>A run the loop does not await: its failures are logged here, and its end wakes the loop to fill the slot.</summary>
    private async Task RunInBackgroundAsync(T work, string claim, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await RunAsync(work, claim, stoppingToken);
        }
        catch (Exception ex)
        {
            if (!stoppingToken.IsCancellationRequested) LogRunnerError(logger, ex, typeof(T).Name);
        }
        finally
        {
            signal.Pulse();
        }
    }

    private async Task<(int Candidates, List<T> Claimed)> ClaimAsync(string claim, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var now = time.GetUtcNow();
        var candidates = await Due(db.Set<T>(), now)
            .OrderBy(w => w.NextAttemptAt)
            .Select(w => w.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0) return (0, []);

        var until = now + options.Lease;
        await using (var transaction = db.Engine == DatabaseEngine.Postgres ? await db.Database.BeginTransactionAsync(cancellationToken) : null)
        {
            if (transaction is not null)
                candidates = await db.LockSkippingLockedAsync<T>(candidates, cancellationToken);
            // The due condition is checked again under the lock: a candidate may have been claimed and finished meanwhile.
            if (candidates.Count > 0)
                await Due(db.Set<T>(), now)
                    .Where(w => candidates.Contains(w.Id))
                    .ExecuteUpdateAsync(s =>
                    {
                        s.SetProperty(w => w.LeaseOwner, claim)
                            .SetProperty(w => w.LeaseExpiresAt, until)
                            .SetProperty(w => w.Attempts, w => w.Attempts + 1);
                        T.OnClaim(s, now);
                    }, cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        }
        // Read once for the whole batch; each run attaches its row to its own scope.
        var claimed = await db.Set<T>().AsNoTracking().Where(w => w.LeaseOwner == claim).ToListAsync(cancellationToken);
        return (candidates.Count, claimed);
    }

    private static IQueryable<T> Due(IQueryable<T> rows, DateTimeOffset now) =>
        rows.Where(T.Claimable)
            .Where(w => w.NextAttemptAt <= now && (w.LeaseExpiresAt == null || w.LeaseExpiresAt < now));

    private async Task RunAsync(T work, string claim, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var id = work.Id;
        db.Attach(work);

        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var stopRenewing = new CancellationTokenSource();
        var afterCommit = scope.ServiceProvider.GetRequiredService<AfterCommit>();
        var handler = scope.ServiceProvider.GetRequiredService<ILeasedWorkHandler<T>>();
        var renewing = Task.CompletedTask;
        Exception failure;
        try
        {
            renewing = RenewWhileRunningAsync(id, claim, leaseLost, stopRenewing.Token);
            await handler.HandleAsync(work, leaseLost.Token);
            work.Succeeded(time.GetUtcNow());
            await StopRenewingAsync(stopRenewing, renewing);
            await SaveOutcomeAsync(db, work, handler);
            afterCommit.Run();
            return;
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            await StopRenewingAsync(stopRenewing, renewing);
            if (stoppingToken.IsCancellationRequested) await ReleaseAsync(id, claim);
            else LogLeaseLost(logger, typeof(T).Name, id);
            return;
        }
        catch (DbUpdateConcurrencyException ex) when (ex.Entries.Any(e => e.Entity is T))
        {
            await StopRenewingAsync(stopRenewing, renewing);
            LogLeaseLost(logger, typeof(T).Name, id);
            return;
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        // The handler's partial changes are discarded; only the failure is recorded.
        await StopRenewingAsync(stopRenewing, renewing);
        db.ChangeTracker.Clear();
        afterCommit.Clear();
        work = await db.Set<T>().SingleAsync(w => w.Id == id, CancellationToken.None);
        if (work.LeaseOwner != claim)
        {
            LogLeaseLost(logger, typeof(T).Name, id);
            return;
        }
        var error = Truncate(failure.GetType().Name + ": " + failure.Message, 2000);
        var now = time.GetUtcNow();
        if (work.Attempts >= options.MaxAttempts)
        {
            work.GaveUp(now, error);
            LogGaveUp(logger, failure, typeof(T).Name, id, work.Attempts);
        }
        else
        {
            work.WillRetry(now, now + Backoff.Delay(work.Attempts, options.RetryBase, options.RetryMax, Random.Shared), error);
            LogRetry(logger, failure, typeof(T).Name, id, work.Attempts);
        }
        try
        {
            await SaveOutcomeAsync(db, work, handler);
            afterCommit.Run();
        }
        catch (DbUpdateConcurrencyException)
        {
            LogLeaseLost(logger, typeof(T).Name, id);
        }
    }

    /// <summary>
    /// Releases the lease with the outcome. A handler that keeps other rows in step with the outcome (an order following
    /// its items) does so inside the same transaction, after the outcome is written.
    /// </summary>
    private static async Task SaveOutcomeAsync(MarketplaceDbContext db, T work, ILeasedWorkHandler<T> handler)
    {
        work.LeaseOwner = null;
        work.LeaseExpiresAt = null;
        if (handler is not ILeasedWorkOutcomeObserver<T> observer)
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        await observer.OutcomeSavedAsync(work, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Keeps the claim alive while the handler runs; cancels the handler when the claim is gone.</summary>
    private async Task RenewWhileRunningAsync(long id, string claim, CancellationTokenSource leaseLost, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.Lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
                    var until = time.GetUtcNow() + options.Lease;
                    var renewed = await db.Set<T>().Where(w => w.Id == id && w.LeaseOwner == claim)
                        .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseExpiresAt, until), stop);
                    if (renewed == 0)
                    {
                        await leaseLost.CancelAsync();
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A missed renewal is not fatal: the outcome is saved only if no one else took the row over.
                    LogRenewalFailed(logger, ex, typeof(T).Name, id);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private static async Task StopRenewingAsync(CancellationTokenSource stop, Task renewing)
    {
        await stop.CancelAsync();
        await renewing;
    }

    /// <summary>On shutdown, hands the row back at once instead of making the next node wait for the lease to expire.</summary>
    private async Task ReleaseAsync(long id, string claim)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            await db.Set<T>().Where(w => w.Id == id && w.LeaseOwner == claim)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseExpiresAt, (DateTimeOffset?)null), CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogRenewalFailed(logger, ex, typeof(T).Name, id);
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Error, Message = "The {WorkType} runner failed to claim work")]
    private static partial void LogRunnerError(ILogger logger, Exception exception, string workType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{WorkType} {Id} failed on attempt {Attempt}; will retry")]
    private static partial void LogRetry(ILogger logger, Exception exception, string workType, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{WorkType} {Id} failed after {Attempt} attempts; giving up")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string workType, long id, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{WorkType} {Id}: the lease was lost to another claim; its outcome is left to that claim")]
    private static partial void LogLeaseLost(ILogger logger, string workType, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{WorkType} {Id}: renewing or releasing the lease failed")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string workType, long id);
}

public static class LeaseRunnerRegistration
{
    /// <summary>Registers a runner for the rows of <typeparamref name="T"/> and its handler.</summary>
    public static IServiceCollection AddLeasedWork<T, THandler>(this IServiceCollection services, Action<LeaseRunnerOptions<T>>? configure = null)
        where T : class, ILeasedWork<T>
        where THandler : class, ILeasedWorkHandler<T>
    {
        var options = new LeaseRunnerOptions<T>();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<WorkSignal<T>>();
        services.TryAddScoped<AfterCommit>();
        services.AddScoped<ILeasedWorkHandler<T>, THandler>();
        services.AddSingleton<LeaseRunner<T>>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaseRunner<T>>());
        return services;
    }
}
