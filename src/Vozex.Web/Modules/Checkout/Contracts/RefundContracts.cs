using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Checkout.Contracts;

/// <summary>An order item a refund covered.</summary>
public sealed record RefundedOrderItem(long OrderItemId, long ProductId, string ProductType, string DeliveryModel);

/// <summary>
/// A refund the gateway confirmed. <see cref="Items"/> are the items it newly refunded (empty for a partial refund made
/// on the gateway's dashboard without naming items); <see cref="FullyRefunded"/> says the whole order is now refunded.
/// </summary>
public sealed record OrderItemsRefunded(Guid OrderId, string OrderNumber, Guid CustomerId, IReadOnlyList<RefundedOrderItem> Items, Money Amount, bool FullyRefunded, DateTimeOffset At);

/// <summary>
/// Implemented by modules that deliver order items (tenants, licenses, service orders) to undo a refunded delivery.
/// Called inside the unit of work that marks the order refunded, so the revocation commits with it or not at all;
/// an observer must only change its own rows (no I/O that cannot be rolled back).
/// </summary>
public interface IRefundObserver
{
    Task OnItemsRefundedAsync(OrderItemsRefunded refund, CancellationToken cancellationToken);
}
