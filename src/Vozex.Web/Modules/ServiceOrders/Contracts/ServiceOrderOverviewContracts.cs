namespace Vozex.Web.Modules.ServiceOrders.Contracts;

/// <summary>A delivery the customer has not yet accepted or sent back; it completes by itself at <see cref="AutoCompletesAt"/>.</summary>
public sealed record DeliveryAwaitingAcceptance(Guid ServiceOrderId, string ProductName, string? ProviderName, DateTimeOffset DeliveredAt, DateTimeOffset AutoCompletesAt);

/// <summary>A paid service order still waiting for a provider.</summary>
public sealed record ServiceOrderWaiting(Guid ServiceOrderId, Guid OrderId, string OrderNumber, string ProductName);

public sealed record ServiceOrderOverview(int Count, int Open, IReadOnlyList<DeliveryAwaitingAcceptance> AwaitingAcceptance, IReadOnlyList<ServiceOrderWaiting> FindingProvider);

/// <summary>Where the service order bought by one order item stands; <see cref="Status"/> is its wire name (pending_assignment, assigned, ...).</summary>
public sealed record ServiceOrderProgress(long OrderItemId, Guid ServiceOrderId, string Status, string? ProviderName);

/// <summary>The customer's service orders as the dashboard reads them. Another customer's are never returned.</summary>
public interface IServiceOrderOverview
{
    /// <summary>All of the customer's service orders, those not yet completed or cancelled, deliveries waiting for their answer, orders waiting for a provider.</summary>
    Task<ServiceOrderOverview> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken);

    /// <summary>The service orders the customer's order <paramref name="orderId"/> bought.</summary>
    Task<IReadOnlyList<ServiceOrderProgress>> ForOrderAsync(Guid customerId, Guid orderId, CancellationToken cancellationToken);
}
