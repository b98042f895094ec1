using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace Vozex.Web.Modules.Analytics.Events;

/// <summary>
/// The bounded hand-over between requests and <see cref="AnalyticsFlusher"/>. Writing never blocks: a full queue
/// drops the event (counted by <c>vozex.analytics.dropped</c>), because analytics must never slow the shop down.
/// </summary>
internal sealed class AnalyticsQueue
{
    public const string MeterName = "Vozex.Analytics";
    private readonly Channel<AnalyticsEvent> _channel;
    private readonly Counter<long> _dropped;

    public const int Capacity = 10_000;

    public AnalyticsQueue(IMeterFactory meters)
    {
        _channel = Channel.CreateBounded<AnalyticsEvent>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
            SingleWriter = false,
        }, _ => _dropped!.Add(1));
        _dropped = meters.Create(MeterName).CreateCounter<long>("vozex.analytics.dropped", description: "Events dropped because the queue was full.");
    }

    public ChannelReader<AnalyticsEvent> Reader => _channel.Reader;

    public void Enqueue(AnalyticsEvent e) => _channel.Writer.TryWrite(e);

    /// <summary>Events waiting to be written (the page shows none are lost when this is zero).</summary>
    public int Pending => _channel.Reader.Count;
}
