using System.Diagnostics.Metrics;

namespace Vozex.Web.Modules.Fulfillment.Worker;

/// <summary>Paid → fulfilled time per driver as an OpenTelemetry histogram (meter <c>Vozex.Fulfillment</c>).</summary>
internal sealed class FulfillmentMetrics
{
    public const string MeterName = "Vozex.Fulfillment";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failed;

    public FulfillmentMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>("vozex.fulfillment.duration", unit: "s",
            description: "Time from payment to a fulfilled item, per driver.");
        _failed = meter.CreateCounter<long>("vozex.fulfillment.failed", description: "Records that used up their attempts.");
    }

    public void Fulfilled(string driver, string productType, TimeSpan duration) =>
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("driver", driver), new KeyValuePair<string, object?>("product_type", productType));

    public void Failed(string driver, string productType) =>
        _failed.Add(1, new KeyValuePair<string, object?>("driver", driver), new KeyValuePair<string, object?>("product_type", productType));
}
