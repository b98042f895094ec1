using Microsoft.EntityFrameworkCore;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Checkout.Orders;

/// <summary>
/// Expires orders still unpaid 24 hours after they were placed and frees their subdomains. Each order is
/// changed through its concurrency token, so any number of nodes may sweep at once.
/// </summary>
internal sealed class OrderExpirySweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<OrderExpirySweeper> logger)
    : PeriodicSweeper(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var now = Time.GetUtcNow();
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
}
