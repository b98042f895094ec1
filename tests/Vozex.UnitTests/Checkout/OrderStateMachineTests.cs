using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform;

namespace Vozex.UnitTests.Checkout;

public sealed class OrderStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static Order NewOrder(long total = 4_900) => new()
    {
        Number = Order.NewNumber(),
        CustomerEmail = "ada@example.com",
        Currency = "USD",
        Subtotal = total,
        Total = total,
        Gateway = "sandbox",
        CreatedAt = Now,
        ExpiresAt = Now + Order.PaymentWindow,
    };

    private static PaymentConfirmed Payment(Order order, long amount, string currency = "USD") =>
        new("sandbox", "pay_1", order.Id, new Money(amount, currency), Now.AddMinutes(1));

    [Theory]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Paid, true)]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Fulfilled, false)]
    [InlineData(OrderStatus.PaymentFailed, OrderStatus.Paid, true)]
    [InlineData(OrderStatus.Expired, OrderStatus.Paid, true)]
    [InlineData(OrderStatus.Expired, OrderStatus.PendingPayment, false)]
    [InlineData(OrderStatus.Paid, OrderStatus.PendingPayment, false)]
    [InlineData(OrderStatus.Paid, OrderStatus.PaymentFailed, false)]
    [InlineData(OrderStatus.Paid, OrderStatus.Fulfilled, true)]
    [InlineData(OrderStatus.Fulfilled, OrderStatus.Refunded, true)]
    [InlineData(OrderStatus.Refunded, OrderStatus.Paid, false)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Paid, false)]
    public void Transitions_follow_the_spec(OrderStatus from, OrderStatus to, bool allowed) =>
        Assert.Equal(allowed, OrderStateMachine.CanTransition(from, to));

    [Fact]
    public void No_state_transitions_to_itself_except_partial_progress()
    {
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            var selfAllowed = status is OrderStatus.PartiallyRefunded or OrderStatus.PartiallyFulfilled or OrderStatus.FulfillmentFailed;
            Assert.Equal(selfAllowed, OrderStateMachine.CanTransition(status, status));
        }
    }

    [Fact]
    public void Exact_payment_marks_the_order_paid_once()
    {
        var order = NewOrder();
        Assert.Equal(PaymentApplication.Applied, order.ApplyPayment(Payment(order, 4_900)));
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(Now.AddMinutes(1), order.PaidAt);
        Assert.Equal(PaymentApplication.AlreadyPaid, order.ApplyPayment(Payment(order, 4_900)));
    }

    [Theory]
    [InlineData(4_899, "USD")]
    [InlineData(4_900, "EUR")]
    public void A_payment_of_another_amount_or_currency_does_not_pay(long amount, string currency)
    {
        var order = NewOrder();
        Assert.Equal(PaymentApplication.AmountMismatch, order.ApplyPayment(Payment(order, amount, currency)));
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
    }

    [Fact]
    public void A_late_decline_never_undoes_a_payment()
    {
        var order = NewOrder();
        order.ApplyPayment(Payment(order, 4_900));
        Assert.False(order.ApplyDecline(new PaymentDeclined("sandbox", "pay_0", order.Id, "declined", Now.AddMinutes(2))));
        Assert.Equal(OrderStatus.Paid, order.Status);
    }

    [Fact]
    public void A_decline_then_a_success_ends_paid()
    {
        var order = NewOrder();
        Assert.True(order.ApplyDecline(new PaymentDeclined("sandbox", "pay_0", order.Id, "card declined", Now)));
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Equal(PaymentApplication.Applied, order.ApplyPayment(Payment(order, 4_900)));
        Assert.Null(order.FailureReason);
    }

    [Fact]
    public void Unpaid_orders_expire_after_24_hours_and_not_before()
    {
        var order = NewOrder();
        Assert.False(order.Expire(Now.AddHours(23)));
        Assert.True(order.Expire(Now.AddHours(24)));
        Assert.Equal(OrderStatus.Expired, order.Status);
    }

    [Fact]
    public void Order_numbers_are_readable_and_distinct()
    {
        var numbers = Enumerable.Range(0, 500).Select(_ => Order.NewNumber()).ToList();
        Assert.All(numbers, n => Assert.Matches("^VZX-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", n));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }
}

public sealed class OrderFulfillmentRuleTests
{
    [Theory]
    [InlineData(new FulfillmentStatus[] { }, null)]
    [InlineData(new[] { FulfillmentStatus.Pending, FulfillmentStatus.Processing }, null)]
    [InlineData(new[] { FulfillmentStatus.Active, FulfillmentStatus.Processing }, OrderStatus.PartiallyFulfilled)]
    [InlineData(new[] { FulfillmentStatus.Active, FulfillmentStatus.Completed }, OrderStatus.Fulfilled)]
    [InlineData(new[] { FulfillmentStatus.Active, FulfillmentStatus.Failed }, OrderStatus.FulfillmentFailed)]
    [InlineData(new[] { FulfillmentStatus.Retrying, FulfillmentStatus.Failed }, OrderStatus.FulfillmentFailed)]
    [InlineData(new[] { FulfillmentStatus.Active, FulfillmentStatus.Revoked }, OrderStatus.Fulfilled)]
    public void The_order_follows_its_items(FulfillmentStatus[] items, OrderStatus? expected) =>
        Assert.Equal(expected, OrderStateMachine.FromFulfillment(2, items));

    [Fact]
    public void An_order_is_not_fulfilled_while_an_item_has_no_record_yet() =>
        Assert.Equal(OrderStatus.PartiallyFulfilled, OrderStateMachine.FromFulfillment(3, [FulfillmentStatus.Active, FulfillmentStatus.Active]));
}
