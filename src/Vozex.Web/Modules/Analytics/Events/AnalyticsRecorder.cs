using Vozex.Web.Modules.Analytics.Contracts;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Analytics.Events;

internal sealed class AnalyticsRecorder(AnalyticsQueue queue, MarketplaceDbContext db) : IAnalytics
{
    public void Track(AnalyticsEventData data) => queue.Enqueue(AnalyticsEvent.From(data));

    public void Record(AnalyticsEventData data) => db.Set<AnalyticsEvent>().Add(AnalyticsEvent.From(data));
}
