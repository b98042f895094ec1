namespace Vozex.Web.Modules.ServiceOrders.Contracts;

/// <summary>Ends the service orders of refunded order items (SPEC §6 "a refunded service order is cancelled").</summary>
public interface IServiceOrderCancellation
{
    /// <summary>Cancels every open service order of these items and frees their providers' capacity; each cancellation commits on its own.</summary>
    Task<int> CancelForOrderItemsAsync(IReadOnlyCollection<long> orderItemIds, string reason, CancellationToken cancellationToken);
}
