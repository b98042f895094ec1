using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Analytics.Contracts;
using Vozex.Web.Modules.Analytics.Events;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Analytics.Summary;

public sealed record Funnel(long CatalogViews, long ProductViews, long CheckoutsStarted, long OrdersPaid);

public sealed record Percentiles(long P50, long P95, int Count);

public sealed record DayRevenue(DateOnly Date, Money Revenue, long Orders);

/// <summary>
/// GET /admin/analytics/summary. Rates are 0..1 (null when nothing was attempted): checkout completion is
/// orders paid ÷ checkouts started in the window; payment success per gateway is payments confirmed ÷ payments
/// confirmed or declined. Revenue is gross (what was paid, refunds not deducted), by item for product types and by
/// order for days, in <see cref="Currency"/>.
/// </summary>
public sealed record AnalyticsSummaryView(
    DateTimeOffset From,
    DateTimeOffset To,
    string Currency,
    Funnel Funnel,
    double? CheckoutCompletionRate,
    IReadOnlyDictionary<string, double?> PaymentSuccessRate,
    IReadOnlyDictionary<string, Percentiles> FulfillmentTimeMs,
    IReadOnlyDictionary<string, Money> RevenueByProductType,
    IReadOnlyList<DayRevenue> RevenueByDay,
    Money Revenue);

internal sealed class AnalyticsSummaryQuery(MarketplaceDbContext db, IFulfillmentTimings timings)
{
    /// <summary>The catalog sells in one currency; events in another would be mixed into nothing.</summary>
    public const string DefaultCurrency = "USD";

    public async Task<AnalyticsSummaryView> RunAsync(ReportWindow range, CancellationToken cancellationToken)
    {
        var (start, end) = (range.Start, range.End);
        var window = db.Set<AnalyticsEvent>().AsNoTracking().Where(e => e.At >= start && e.At < end);
        var counts = await window.GroupBy(e => e.Kind).Select(g => new { Kind = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        long Count(string kind) => counts.FirstOrDefault(c => c.Kind == kind)?.Count ?? 0;
        var funnel = new Funnel(Count(AnalyticsEventKinds.CatalogView), Count(AnalyticsEventKinds.ProductView),
            Count(AnalyticsEventKinds.CheckoutStarted), Count(AnalyticsEventKinds.OrderPaid));

        var outcomes = await window.Where(e => e.Kind == AnalyticsEventKinds.OrderPaid || e.Kind == AnalyticsEventKinds.PaymentFailed)
            .GroupBy(e => new { e.Gateway, e.Kind }).Select(g => new { g.Key.Gateway, g.Key.Kind, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var successRate = outcomes.GroupBy(o => o.Gateway ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            var paid = g.Where(o => o.Kind == AnalyticsEventKinds.OrderPaid).Sum(o => o.Count);
            var all = g.Sum(o => o.Count);
            return Rate(paid, all);
        });

        var money = await window.Where(e => (e.Kind == AnalyticsEventKinds.OrderPaid || e.Kind == AnalyticsEventKinds.ItemPaid) && e.Amount != null)
            .Select(e => new { e.Kind, e.At, e.ProductType, e.Amount, e.Currency })
            .ToListAsync(cancellationToken);
        var currency = money.Select(m => m.Currency).FirstOrDefault(c => c is not null) ?? DefaultCurrency;
        var inCurrency = money.Where(m => m.Currency is null || m.Currency == currency).ToList();
        var byType = inCurrency.Where(m => m.Kind == AnalyticsEventKinds.ItemPaid)
            .GroupBy(m => m.ProductType ?? "unknown").OrderByDescending(g => g.Sum(m => m.Amount!.Value)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Money(g.Sum(m => m.Amount!.Value), currency));
        var orders = inCurrency.Where(m => m.Kind == AnalyticsEventKinds.OrderPaid).ToList();
        var byDay = range.Days().Select(day =>
        {
            var that = orders.Where(o => DateOnly.FromDateTime(o.At.UtcDateTime) == day).ToList();
            return new DayRevenue(day, new Money(that.Sum(o => o.Amount!.Value), currency), that.Count);
        }).ToList();

        var perDriver = await timings.PerDriverAsync(start, end, cancellationToken);
        var fulfillment = perDriver.OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => new Percentiles(p.Value.P50Ms, p.Value.P95Ms, p.Value.Count));

        return new AnalyticsSummaryView(start, end, currency, funnel, Rate(funnel.OrdersPaid, funnel.CheckoutsStarted), successRate, fulfillment,
            byType, byDay, new Money(orders.Sum(o => o.Amount!.Value), currency));
    }

    /// <summary>A share rounded to four places; null when there is nothing to divide by.</summary>
    public static double? Rate(long part, long whole) => whole <= 0 ? null : Math.Round((double)part / whole, 4);
}
