namespace Vozex.Web.Modules.Fulfillment.Contracts;

/// <summary>Records still to be done (pending, processing, retrying) and those that need an administrator (failed).</summary>
public sealed record FulfillmentCounts(int Pending, int Failed);

public sealed record FailedFulfillment(long FulfillmentId, Guid OrderId, string OrderNumber, string Driver, string ProductName, int Attempts,
    string? LastError, DateTimeOffset UpdatedAt);

/// <summary>Figures for the admin home.</summary>
public interface IFulfillmentFigures
{
    Task<FulfillmentCounts> CountsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<FailedFulfillment>> RecentFailuresAsync(int limit, CancellationToken cancellationToken);
}
