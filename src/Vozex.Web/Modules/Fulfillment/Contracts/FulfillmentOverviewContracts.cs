namespace Vozex.Web.Modules.Fulfillment.Contracts;

/// <summary>The fulfilment of one of the customer's paid items.</summary>
public sealed record CustomerItemFulfillment(
    long FulfillmentId, Guid OrderId, string OrderNumber, long OrderItemId, string ProductName, string Driver, FulfillmentStatus Status,
    int Attempts, DateTimeOffset PaidAt, DateTimeOffset UpdatedAt);

/// <summary><see cref="InProgress"/>: pending, processing or retrying; <see cref="Failed"/>: given up until an administrator retries.</summary>
public sealed record CustomerFulfillments(IReadOnlyList<CustomerItemFulfillment> InProgress, IReadOnlyList<CustomerItemFulfillment> Failed);

/// <summary>The customer's unfinished and failed fulfilment, for the dashboard (the errors stay with administrators).</summary>
public interface IFulfillmentOverview
{
    Task<CustomerFulfillments> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken);
}
