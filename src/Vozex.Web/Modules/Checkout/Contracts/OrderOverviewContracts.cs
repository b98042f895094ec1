namespace Vozex.Web.Modules.Checkout.Contracts;

/// <summary><see cref="AwaitingPayment"/>: orders the customer may still pay (pending or declined, not expired).</summary>
public sealed record OrderOverview(int Count, int AwaitingPayment);

/// <summary>One item of an order as its progress is shown; <see cref="DeliveryModel"/> is saas, self_hosted or service.</summary>
public sealed record OrderProgressItem(long OrderItemId, int Position, string ProductName, string DeliveryModel, string? Subdomain, bool Refunded);

/// <summary>
/// An order's payment state and items, for pages that follow it live. <see cref="CheckoutUrl"/> is set only while the
/// customer may still pay.
/// </summary>
public sealed record OrderProgress(
    Guid OrderId, string OrderNumber, string Status, string? FailureReason, string? CheckoutUrl, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt,
    IReadOnlyList<OrderProgressItem> Items);

/// <summary>The customer's orders as the dashboard reads them. Another customer's order is simply not found.</summary>
public interface IOrderOverview
{
    Task<OrderOverview> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken);

    Task<OrderProgress?> ProgressAsync(Guid customerId, Guid orderId, CancellationToken cancellationToken);
}

/// <summary>
/// The live progress component the order pages show, when a module above Checkout provides one (the dashboard does):
/// Checkout cannot reference it, since it reads modules that depend on Checkout. The component takes the parameters
/// <c>OrderId</c> (<see cref="Guid"/>) and <c>Compact</c> (<see cref="bool"/>) and finds the customer from the signed-in user.
/// </summary>
public sealed record OrderProgressSlot(Type Component);
