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

    /// <summary>States in which the customer may still pay (and in which the order can expire).</summary>
    public static bool AwaitsPayment(OrderStatus status) => status is OrderStatus.PendingPayment or OrderStatus.PaymentFailed;
}
