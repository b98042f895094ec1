using Microsoft.EntityFrameworkCore;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Checkout.Orders;

/// <summary>
/// Expires orders still unpaid 24 hours after they were placed and frees their subdomains. Each order is
/// changed through its concurrency token, so any number of nodes may sweep at once.
/// </summary>
internal sealed partial class OrderExpirySweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<OrderExpirySweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try { await SweepAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { LogSweepFailed(logger, ex); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var now = time.GetUtcNow();
        var due = await db.Set<Order>()
            .Where(o => (o.Status == OrderStatus.PendingPayment || o.Status == OrderStatus.PaymentFailed) && o.ExpiresAt <= now)
            .OrderBy(o => o.ExpiresAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var order in due)
        {
            if (!order.Expire(now)) continue;
            // Tracked removal, so the release commits with the expiry or not at all.
            db.Set<SubdomainReservation>().RemoveRange(
                await db.Set<SubdomainReservation>().Where(r => r.OrderId == order.Id).ToListAsync(cancellationToken));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                expired++;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // paid or expired elsewhere meanwhile; that change wins
            }
        }
        return expired;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiring unpaid orders failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
