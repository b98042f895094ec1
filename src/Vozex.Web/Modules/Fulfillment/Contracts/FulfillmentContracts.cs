namespace Vozex.Web.Modules.Fulfillment.Contracts;

/// <summary>The three drivers of SPEC §7, one per delivery model.</summary>
public static class FulfillmentDrivers
{
    public const string SaasTenantProvisioning = "saas_tenant_provisioning";
    public const string SelfHostedLicense = "self_hosted_license";
    public const string ServiceFulfillment = "service_fulfillment";

    public static IReadOnlyList<string> All { get; } = [SaasTenantProvisioning, SelfHostedLicense, ServiceFulfillment];

    public static string ForDeliveryModel(string deliveryModel) => deliveryModel switch
    {
        "saas" => SaasTenantProvisioning,
        "self_hosted" => SelfHostedLicense,
        "service" => ServiceFulfillment,
        _ => throw new ArgumentOutOfRangeException(nameof(deliveryModel), deliveryModel, "Unknown delivery model."),
    };
}

/// <summary>The states of a fulfilment record (issue 4): pending → processing → active / completed, or → retrying → failed; revoked after a refund.</summary>
public enum FulfillmentStatus
{
    Pending,
    Processing,
    Retrying,
    Active,
    Completed,
    Failed,
    Revoked,
}

/// <summary>
/// One paid order item to fulfil. <see cref="PayloadSnapshot"/> is the item's configuration as JSON, as it was paid for;
/// <see cref="TermsSnapshot"/> what the catalog promised for it then (<c>PurchasedTerms</c>), null for older orders.
/// </summary>
public sealed record FulfillmentRequest(
    Guid OrderId,
    string OrderNumber,
    long OrderItemId,
    Guid CustomerId,
    string CustomerEmail,
    string DeliveryModel,
    string ProductType,
    string ProductSlug,
    string ProductName,
    string PayloadSnapshot,
    DateTimeOffset PaidAt,
    string? TermsSnapshot = null);

/// <summary>Creates fulfilment records in the caller's unit of work, so they commit with the payment that causes them.</summary>
public interface IFulfillmentScheduler
{
    /// <summary>Adds the record; a second request for the same order item is ignored.</summary>
    Task ScheduleAsync(FulfillmentRequest request, CancellationToken cancellationToken);
}

/// <summary>What a driver is asked to do. <see cref="FulfillmentId"/> is the idempotency key of its effect.</summary>
public sealed record FulfillmentJob(
    long FulfillmentId,
    Guid OrderId,
    string OrderNumber,
    long OrderItemId,
    Guid CustomerId,
    string CustomerEmail,
    string ProductType,
    string ProductSlug,
    string ProductName,
    string PayloadSnapshot,
    int Attempt,
    DateTimeOffset PaidAt,
    string? TermsSnapshot = null);

/// <summary>
/// <see cref="FulfillmentStatus.Active"/> for something that keeps running (a tenant, a license),
/// <see cref="FulfillmentStatus.Completed"/> for a one-off hand-over.
/// </summary>
public sealed record FulfillmentResult(FulfillmentStatus Status, string? ExternalReferenceId, string? ExternalWorkspaceUrl)
{
    public static FulfillmentResult Active(string? externalReferenceId, string? externalWorkspaceUrl = null) =>
        new(FulfillmentStatus.Active, externalReferenceId, externalWorkspaceUrl);

    public static FulfillmentResult Completed(string? externalReferenceId, string? externalWorkspaceUrl = null) =>
        new(FulfillmentStatus.Completed, externalReferenceId, externalWorkspaceUrl);
}

/// <summary>
/// A fulfilment driver. It runs in the worker's unit of work: changes it makes through the marketplace
/// DbContext commit together with the record's outcome. Effects outside that database (a tenant database,
/// a mail server) must be idempotent by <see cref="FulfillmentJob.FulfillmentId"/> or their own natural key,
/// because a run cut short by a crash is run again. Throwing schedules a retry.
/// </summary>
public interface IFulfillmentDriver
{
    /// <summary>One of <see cref="FulfillmentDrivers"/>.</summary>
    string Name { get; }

    Task<FulfillmentResult> RunAsync(FulfillmentJob job, CancellationToken cancellationToken);
}

public sealed record ItemFulfillment(
    long FulfillmentId,
    long OrderItemId,
    string Driver,
    FulfillmentStatus Status,
    int Attempts,
    string? ExternalReferenceId,
    string? ExternalWorkspaceUrl,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>Read access to fulfilment records for the modules that show orders.</summary>
public interface IFulfillmentStatusReader
{
    Task<IReadOnlyList<ItemFulfillment>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken);
}

/// <summary>
/// Implemented by the module that owns orders: told, inside the transaction that records an item's outcome,
/// that the items of an order changed, so the order's status follows them atomically.
/// </summary>
public interface IFulfillmentProgressSink
{
    Task ItemsChangedAsync(Guid orderId, CancellationToken cancellationToken);
}

/// <summary>Marks the records of refunded order items revoked (the modules owning their effects undo them).</summary>
public interface IFulfillmentRevoker
{
    Task<int> RevokeAsync(IReadOnlyCollection<long> orderItemIds, CancellationToken cancellationToken);
}

public sealed record DriverTiming(int Count, long P50Ms, long P95Ms);

/// <summary>Paid → fulfilled percentiles per driver over records finished in a window (for the admin and analytics).</summary>
public interface IFulfillmentTimings
{
    Task<IReadOnlyDictionary<string, DriverTiming>> PerDriverAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>Every allowed fulfilment transition, in one place.</summary>
public static class FulfillmentStates
{
    public static bool CanTransition(FulfillmentStatus from, FulfillmentStatus to) => from switch
    {
        FulfillmentStatus.Pending => to is FulfillmentStatus.Processing or FulfillmentStatus.Revoked,
        // Processing → processing is a takeover after a lost lease; → retrying and → failed record a failed run.
        FulfillmentStatus.Processing => to is FulfillmentStatus.Processing or FulfillmentStatus.Active or FulfillmentStatus.Completed
            or FulfillmentStatus.Retrying or FulfillmentStatus.Failed or FulfillmentStatus.Revoked,
        FulfillmentStatus.Retrying => to is FulfillmentStatus.Processing or FulfillmentStatus.Retrying or FulfillmentStatus.Revoked,
        FulfillmentStatus.Failed => to is FulfillmentStatus.Retrying or FulfillmentStatus.Revoked,
        FulfillmentStatus.Active or FulfillmentStatus.Completed => to is FulfillmentStatus.Revoked,
        FulfillmentStatus.Revoked => false,
    };

    /// <summary>The driver's work is done (successfully).</summary>
    public static bool IsDone(FulfillmentStatus status) => status is FulfillmentStatus.Active or FulfillmentStatus.Completed;

    /// <summary>No worker will touch the record again without an administrator.</summary>
    public static bool IsFinished(FulfillmentStatus status) => status switch
    {
        FulfillmentStatus.Active or FulfillmentStatus.Completed or FulfillmentStatus.Failed or FulfillmentStatus.Revoked => true,
        FulfillmentStatus.Pending or FulfillmentStatus.Processing or FulfillmentStatus.Retrying => false,
    };
}
