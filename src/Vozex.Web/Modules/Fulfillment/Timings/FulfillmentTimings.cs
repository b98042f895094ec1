using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Fulfillment.Timings;

internal sealed class FulfillmentTimings(MarketplaceDbContext db) : IFulfillmentTimings
{
    public async Task<IReadOnlyDictionary<string, DriverTiming>> PerDriverAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // Both providers: fetch the two timestamps and rank in memory. A window holds at most the day's or month's
        // orders; the analytics issue may move this into SQL (percentile_cont) on PostgreSQL when it charts long ranges.
        var rows = await db.Set<FulfillmentRecord>().AsNoTracking()
            .Where(r => (r.Status == FulfillmentStatus.Active || r.Status == FulfillmentStatus.Completed)
                        && r.FinishedAt >= from && r.FinishedAt < to)
            .Select(r => new { r.Driver, r.PaidAt, r.FinishedAt })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.Driver)
            .ToDictionary(g => g.Key, g =>
            {
                var sorted = g.Select(r => (long)(r.FinishedAt!.Value - r.PaidAt).TotalMilliseconds).Order().ToArray();
                return new DriverTiming(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95));
            });
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static long Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
