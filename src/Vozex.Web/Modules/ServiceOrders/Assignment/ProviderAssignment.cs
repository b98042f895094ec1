using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.ServiceOrders.Assignment;

public enum AssignmentOutcome
{
    Assigned,
    NoQualifiedProvider,
    ProviderAtCapacity,
    NotAssignable,
}

/// <summary>
/// Assigns service orders to providers. Taking a unit of capacity is one conditional UPDATE
/// (<c>open_orders = open_orders + 1 WHERE open_orders &lt; capacity</c>) in the same transaction as the order's
/// change, so two orders can never overfill a provider and an order that loses a race gives its unit back.
/// </summary>
internal sealed class ProviderAssignment(
    MarketplaceDbContext db, TimeProvider time, WorkSignal<ServiceOrder> signal, ServiceOrderNotifier notify, IAuditLog audit)
{
    public async Task<AssignmentOutcome> TryAssignAsync(Guid serviceOrderId, CancellationToken cancellationToken) =>
        await TryAssignAsync(serviceOrderId, await CandidatesAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Tries the ranked <paramref name="candidates"/> in turn. The list may be stale (it is shared by a whole drain):
    /// the conditional UPDATE that takes capacity is what decides, and the list is kept in step with what it took.
    /// </summary>
    private async Task<AssignmentOutcome> TryAssignAsync(Guid serviceOrderId, List<ProviderCandidate> candidates, CancellationToken cancellationToken)
    {
        var order = await db.Set<ServiceOrder>().FirstOrDefaultAsync(o => o.Id == serviceOrderId, cancellationToken);
        if (order is not { Status: ServiceOrderStatus.PendingAssignment }) return AssignmentOutcome.NotAssignable;
        foreach (var candidate in ProviderMatcher.Rank(candidates, order.RequiredSkills, order.DeclinedBy))
        {
            var outcome = await AssignAsync(order, candidate.Id, AuditActors.System, cancellationToken);
            var index = candidates.IndexOf(candidate);
            if (outcome == AssignmentOutcome.Assigned) candidates[index] = candidate with { OpenOrders = candidate.OpenOrders + 1 };
            if (outcome != AssignmentOutcome.ProviderAtCapacity) return outcome;
            candidates[index] = candidate with { OpenOrders = candidate.Capacity };
        }
        return AssignmentOutcome.NoQualifiedProvider;
    }

    private async Task<List<ProviderCandidate>> CandidatesAsync(CancellationToken cancellationToken) =>
        (await db.Set<Provider>().AsNoTracking()
            .Where(p => p.Available && p.OpenOrders < p.Capacity)
            .Select(p => new { p.Id, p.Skills, p.Available, p.Capacity, p.OpenOrders, p.RatingSum, p.RatingCount })
            .ToListAsync(cancellationToken))
        .Select(p => new ProviderCandidate(p.Id, p.Skills, p.Available, p.Capacity, p.OpenOrders,
            p.RatingCount == 0 ? Provider.UnratedScore : (double)p.RatingSum / p.RatingCount))
        .ToList();

    /// <summary>
    /// Assigns to one provider (the matcher's choice, or an administrator's); any previous provider's unit is given back.
    /// The audit entry names <paramref name="actor"/> and commits with the assignment, so a lost race leaves none.
    /// </summary>
    public async Task<AssignmentOutcome> AssignAsync(ServiceOrder order, Guid providerId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var previous = order.Status == ServiceOrderStatus.Assigned ? order.ProviderId : null;
        if (order.Status is not (ServiceOrderStatus.PendingAssignment or ServiceOrderStatus.Assigned)) return AssignmentOutcome.NotAssignable;
        if (previous == providerId) return AssignmentOutcome.Assigned;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await TakeCapacityAsync(providerId, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return AssignmentOutcome.ProviderAtCapacity;
        }
        if (previous is { } released) await ReleaseCapacityAsync(released, cancellationToken);
        if (previous is not null) order.Unassign(time.GetUtcNow());
        order.Assign(providerId, time.GetUtcNow());
        audit.Record(actor, "service_order.assign", "service_order", order.Id.ToString(), new { provider_id = providerId, previous_provider_id = previous });
        await notify.ToProviderAsync(order, providerId, "A new order was assigned to you",
            $"{order.PackageName}, {order.Timeline} timeline, due {order.EstimatedCompletion:MMMM d, yyyy}.\n\n{order.Requirements}", cancellationToken);
        await notify.ToCustomerAsync(order, $"{await notify.ProviderNameAsync(providerId, cancellationToken)} will work on your order", null, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            notify.Wake();
            return AssignmentOutcome.Assigned;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else changed the order first; the rollback returns the unit taken above.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return AssignmentOutcome.NotAssignable;
        }
    }

    /// <summary>Assigns waiting orders, oldest first; returns how many found a provider.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var waiting = await db.Set<ServiceOrder>().AsNoTracking()
            .Where(o => o.Status == ServiceOrderStatus.PendingAssignment)
            .OrderBy(o => o.CreatedAt)
            .Select(o => o.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0) return 0;
        // One read of the provider pool per drain, not per waiting order.
        var candidates = await CandidatesAsync(cancellationToken);
        var assigned = 0;
        foreach (var id in waiting)
        {
            if (candidates.TrueForAll(c => c.OpenOrders >= c.Capacity)) break;
            db.ChangeTracker.Clear();
            if (await TryAssignAsync(id, candidates, cancellationToken) == AssignmentOutcome.Assigned) assigned++;
        }
        return assigned;
    }

    public async Task<bool> TakeCapacityAsync(Guid providerId, CancellationToken cancellationToken) =>
        await db.Set<Provider>()
            .Where(p => p.Id == providerId && p.OpenOrders < p.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OpenOrders, p => p.OpenOrders + 1).SetProperty(p => p.Version, Guid.NewGuid()), cancellationToken) == 1;

    /// <summary>Gives a unit back; call inside the transaction that ends the order's hold, then <see cref="Wake"/> after commit.</summary>
    public async Task ReleaseCapacityAsync(Guid providerId, CancellationToken cancellationToken) =>
        await db.Set<Provider>()
            .Where(p => p.Id == providerId && p.OpenOrders > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OpenOrders, p => p.OpenOrders - 1).SetProperty(p => p.Version, Guid.NewGuid()), cancellationToken);

    /// <summary>Asks this node's queue to look for assignable orders now (capacity freed, a provider became available).</summary>
    public void Wake() => signal.Pulse();
}

/// <summary>
/// Keeps the assignment queue moving: wakes when an order arrives or a provider frees capacity or becomes available,
/// and checks every <see cref="Interval"/> anyway (a wake-up from another node never reaches this one).
/// </summary>
internal sealed partial class AssignmentWorker(IServiceScopeFactory scopes, WorkSignal<ServiceOrder> signal, ILogger<AssignmentWorker> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ProviderAssignment>().DrainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { LogDrainFailed(logger, ex); }
            try { await signal.WaitAsync(Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Assigning waiting service orders failed; retrying at the next wake-up")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);
}
