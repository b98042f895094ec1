using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Modules.Payments.Refunds;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Payments.Reconciliation;

/// <summary>Bound to "Vozex:Payments:Reconciliation".</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Vozex:Payments:Reconciliation";

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An order still awaiting payment this long after it was placed is asked about at its gateway.</summary>
    public TimeSpan PendingAfter { get; set; } = TimeSpan.FromMinutes(5);

    public int BatchSize { get; set; } = 50;
}

/// <summary>
/// SPEC §6 reconciliation: asks the gateway about orders still awaiting payment after a few minutes, about the orders
/// of inbox entries that failed processing, and resubmits refunds whose gateway call got no clear answer. Every step
/// is idempotent (payments unique per gateway id, refunds looked up before resending), so nodes may sweep together.
/// </summary>
internal sealed partial class ReconciliationSweeper(
    IServiceScopeFactory scopes, IOptions<ReconciliationOptions> options, TimeProvider time, ILogger<ReconciliationSweeper> logger)
    : PeriodicSweeper(time, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = Time.GetUtcNow();
        var changed = 0;

        IReadOnlyList<AwaitingPayment> awaiting;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var sink = scope.ServiceProvider.GetRequiredService<IOrderPaymentSink>();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var candidates = await sink.AwaitingPaymentAsync(now - o.PendingAfter, o.BatchSize * 4, cancellationToken);
            var ids = candidates.Select(c => c.OrderId).ToList();
            var notDue = (await db.Set<ReconciliationCheck>().AsNoTracking().Where(c => ids.Contains(c.OrderId) && c.NextCheckAt > now)
                .Select(c => c.OrderId).ToListAsync(cancellationToken)).ToHashSet();
            awaiting = candidates.Where(c => !notDue.Contains(c.OrderId)).Take(o.BatchSize).ToList();
        }
        foreach (var order in awaiting)
            changed += await RecheckAsync(order.OrderId, remember: true, cancellationToken) ? 1 : 0;

        List<(long Id, string Body)> failed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            failed = (await db.Set<WebhookInboxEntry>().AsNoTracking()
                .Where(e => e.Status == WorkStatus.Failed && e.ReconciledAt == null)
                .OrderBy(e => e.Id).Take(o.BatchSize).Select(e => new { e.Id, e.Body }).ToListAsync(cancellationToken))
                .Select(e => (e.Id, e.Body)).ToList();
        }
        foreach (var (id, body) in failed)
        {
            var outcome = PaymentReconciler.OrderIdOf(body) is { } orderId && await RecheckAsync(orderId, remember: false, cancellationToken)
                ? "order re-checked at the gateway" : "nothing to re-check";
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            await db.Set<WebhookInboxEntry>().Where(e => e.Id == id && e.ReconciledAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.ReconciledAt, now).SetProperty(e => e.Outcome, outcome), cancellationToken);
            changed++;
        }

        List<Guid> stuck;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var before = now - TimeSpan.FromMinutes(1);
            stuck = await db.Set<RefundRecord>().AsNoTracking()
                .Where(r => r.Status == RefundStatus.Requested && r.CreatedAt < before && r.Submissions < 20)
                .OrderBy(r => r.CreatedAt).Take(o.BatchSize).Select(r => r.Id).ToListAsync(cancellationToken);
        }
        foreach (var refundId in stuck)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RefundService>().SubmitAsync(refundId, null, cancellationToken);
            changed++;
        }
        return changed;
    }

    private async Task<bool> RecheckAsync(Guid orderId, bool remember, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        string outcome;
        try
        {
            outcome = await scope.ServiceProvider.GetRequiredService<PaymentReconciler>().RecheckOrderAsync(orderId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRecheckFailed(logger, ex, orderId);
            outcome = $"re-check failed: {ex.GetType().Name}";
        }
        if (remember)
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            db.ChangeTracker.Clear();
            var now = Time.GetUtcNow();
            var check = await db.Set<ReconciliationCheck>().FirstOrDefaultAsync(c => c.OrderId == orderId, cancellationToken);
            if (check is null) db.Set<ReconciliationCheck>().Add(check = new ReconciliationCheck { OrderId = orderId });
            check.Checks++;
            check.LastCheckedAt = now;
            check.NextCheckAt = now + TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, options.Value.PendingAfter.Ticks << Math.Min(check.Checks - 1, 10)));
            check.LastOutcome = outcome.Length > 300 ? outcome[..300] : outcome;
            try { await db.SaveChangesAsync(cancellationToken); }
            catch (DbUpdateException) { /* another node recorded its check of the same order first */ }
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation could not re-check order {OrderId}")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception, Guid orderId);
}
