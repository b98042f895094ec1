using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Fulfillment.Worker;

/// <summary>Runs a claimed record's driver and records the result; the order follows in the same transaction.</summary>
internal sealed class FulfillmentWorker(
    IEnumerable<IFulfillmentDriver> drivers,
    IEnumerable<IFulfillmentProgressSink> progress,
    FulfillmentMetrics metrics,
    AfterCommit afterCommit,
    TimeProvider time) : ILeasedWorkHandler<FulfillmentRecord>, ILeasedWorkOutcomeObserver<FulfillmentRecord>
{
    public async Task HandleAsync(FulfillmentRecord record, CancellationToken cancellationToken)
    {
        // The last registration of a name wins, so a deployment (or a test) can replace a driver.
        var driver = drivers.LastOrDefault(d => d.Name == record.Driver)
            ?? throw new FulfillmentDriverMissingException(record.Driver);
        var job = new FulfillmentJob(record.Id, record.OrderId, record.OrderNumber, record.OrderItemId, record.CustomerId, record.CustomerEmail,
            record.ProductType, record.ProductSlug, record.ProductName, record.PayloadSnapshot, record.Attempts, record.PaidAt, record.TermsSnapshot);
        var result = await driver.RunAsync(job, cancellationToken);
        record.Fulfilled(result, time.GetUtcNow());
        var duration = record.Duration;
        if (duration is { } d) afterCommit.Add(() => metrics.Fulfilled(record.Driver, record.ProductType, d));
    }

    public async Task OutcomeSavedAsync(FulfillmentRecord record, CancellationToken cancellationToken)
    {
        if (record.Status == FulfillmentStatus.Failed) afterCommit.Add(() => metrics.Failed(record.Driver, record.ProductType));
        if (!record.IsFinished) return;
        foreach (var sink in progress)
            await sink.ItemsChangedAsync(record.OrderId, cancellationToken);
    }
}

internal sealed class FulfillmentDriverMissingException(string driver)
    : Exception($"No driver named {driver} is registered on this node; the record waits for one.");
