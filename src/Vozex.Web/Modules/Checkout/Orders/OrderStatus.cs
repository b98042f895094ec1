using Vozex.Web.Modules.Fulfillment.Contracts;

namespace Vozex.Web.Modules.Checkout.Orders;

/// <summary>The order states of SPEC §5.</summary>
public enum OrderStatus
{
    PendingPayment,
    Paid,
    Fulfilled,
    PartiallyFulfilled,
    FulfillmentFailed,
    PaymentFailed,
    Expired,
    Refunded,
    PartiallyRefunded,
    Cancelled,
}

/// <summary>Every allowed order transition, in one place.</summary>
public static class OrderStateMachine
{
    public static bool CanTransition(OrderStatus from, OrderStatus to) => from switch
    {
        // A failed attempt is not final while the gateway session lives, and money taken after expiry is
        // honoured rather than lost: both may still become paid.
        OrderStatus.PendingPayment => to is OrderStatus.Paid or OrderStatus.PaymentFailed or OrderStatus.Expired or OrderStatus.Cancelled,
        OrderStatus.PaymentFailed => to is OrderStatus.Paid or OrderStatus.Expired or OrderStatus.Cancelled,
        OrderStatus.Expired => to is OrderStatus.Paid,
        OrderStatus.Paid => to is OrderStatus.Fulfilled or OrderStatus.PartiallyFulfilled or OrderStatus.FulfillmentFailed
            or OrderStatus.Refunded or OrderStatus.PartiallyRefunded,
        OrderStatus.PartiallyFulfilled or OrderStatus.FulfillmentFailed => to is OrderStatus.Fulfilled or OrderStatus.PartiallyFulfilled
            or OrderStatus.FulfillmentFailed or OrderStatus.Refunded or OrderStatus.PartiallyRefunded,
        OrderStatus.Fulfilled => to is OrderStatus.Refunded or OrderStatus.PartiallyRefunded,
        OrderStatus.PartiallyRefunded => to is OrderStatus.Refunded or OrderStatus.PartiallyRefunded,
        OrderStatus.Refunded or OrderStatus.Cancelled => false,
    };

    /// <summary>Payment has been taken for orders in these states.</summary>
    public static bool IsPaid(OrderStatus status) => status switch
    {
        OrderStatus.Paid or OrderStatus.Fulfilled or OrderStatus.PartiallyFulfilled or OrderStatus.FulfillmentFailed
            or OrderStatus.Refunded or OrderStatus.PartiallyRefunded => true,
        OrderStatus.PendingPayment or OrderStatus.PaymentFailed or OrderStatus.Expired or OrderStatus.Cancelled => false,
    };

    /// <summary>
    /// The order status its items' fulfilment implies: any failed item needs an administrator (fulfillment_failed);
    /// every item done is fulfilled; some done is partially fulfilled; nothing done yet leaves the order as it is.
    /// Revoked items (refunded) are out of the count.
    /// </summary>
    public static OrderStatus? FromFulfillment(int itemCount, IReadOnlyCollection<FulfillmentStatus> itemStates)
    {
        var counted = itemCount - itemStates.Count(s => s == FulfillmentStatus.Revoked);
        var done = itemStates.Count(FulfillmentStates.IsDone);
        if (itemStates.Any(s => s == FulfillmentStatus.Failed)) return OrderStatus.FulfillmentFailed;
        if (counted > 0 && done == counted) return OrderStatus.Fulfilled;
        if (done > 0) return OrderStatus.PartiallyFulfilled;
        return null;
    }

    /// <summary>States in which the customer may still pay (and in which the order can expire).</summary>
    public static bool AwaitsPayment(OrderStatus status) => status is OrderStatus.PendingPayment or OrderStatus.PaymentFailed;
}
