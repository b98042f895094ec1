using System.Security.Cryptography;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Checkout.Orders;

public sealed class Order
{
    public static readonly TimeSpan PaymentWindow = TimeSpan.FromHours(24);

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; init; }
    public Guid CustomerId { get; init; }
    public required string CustomerEmail { get; init; }
    public OrderStatus Status { get; private set; } = OrderStatus.PendingPayment;
    public required string Currency { get; init; }
    public long Subtotal { get; init; }
    public long Discount { get; init; }
    public long Total { get; init; }
    public required string Gateway { get; init; }
    public string? GatewaySessionId { get; private set; }
    public string? CheckoutUrl { get; private set; }
    public string? IdempotencyKey { get; init; }
    public string? RequestHash { get; init; }
    public string? FailureReason { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? PaidAt { get; private set; }
    public DateTimeOffset? FulfilledAt { get; private set; }

    /// <summary>Minor units the gateway confirmed refunded.</summary>
    public long RefundedAmount { get; private set; }

    /// <summary>Optimistic concurrency: two workers changing one order cannot both win.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public List<OrderItem> Items { get; init; } = [];

    public Money TotalMoney => new(Total, Currency);

    public static string NewNumber()
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U to misread
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return $"VZX-{chars[..5]}-{chars[5..]}";
    }

    public void AttachCheckout(CheckoutSession session, DateTimeOffset now)
    {
        GatewaySessionId = session.SessionId;
        CheckoutUrl = session.CheckoutUrl;
        Touch(now);
    }

    /// <summary>Applies a confirmed payment: only the exact total in the order's currency pays it, and only once.</summary>
    public PaymentApplication ApplyPayment(PaymentConfirmed payment)
    {
        if (OrderStateMachine.IsPaid(Status)) return PaymentApplication.AlreadyPaid;
        if (!OrderStateMachine.CanTransition(Status, OrderStatus.Paid)) return PaymentApplication.NotPayable;
        if (payment.Amount.Amount != Total || !string.Equals(payment.Amount.Currency, Currency, StringComparison.OrdinalIgnoreCase))
            return PaymentApplication.AmountMismatch;
        MoveTo(OrderStatus.Paid, payment.At);
        PaidAt = payment.At;
        FailureReason = null;
        return PaymentApplication.Applied;
    }

    public bool ApplyDecline(PaymentDeclined decline)
    {
        if (Status != OrderStatus.PendingPayment) return false; // a late decline never undoes a payment
        MoveTo(OrderStatus.PaymentFailed, decline.At);
        FailureReason = decline.Reason;
        return true;
    }

    /// <summary>
    /// Applies a refund the gateway confirmed: its items become refunded and the order refunded once everything paid is
    /// back, else partially refunded. Returns the items newly refunded (all remaining ones on a full refund).
    /// </summary>
    public (RefundApplication Application, IReadOnlyList<OrderItem> Items) ApplyRefund(RefundConfirmed refund)
    {
        if (!OrderStateMachine.IsPaid(Status) || !string.Equals(refund.Amount.Currency, Currency, StringComparison.OrdinalIgnoreCase))
            return (RefundApplication.NotRefundable, []);
        RefundedAmount = Math.Min(Total, RefundedAmount + refund.Amount.Amount);
        var full = RefundedAmount >= Total;
        var newly = Items.Where(i => i.RefundedAt is null && (full || refund.OrderItemIds.Contains(i.Id))).ToList();
        foreach (var item in newly) item.RefundedAt = refund.At;
        var next = full ? OrderStatus.Refunded : OrderStatus.PartiallyRefunded;
        if (Status != OrderStatus.Refunded) MoveTo(next, refund.At);
        else Touch(refund.At);
        return (RefundApplication.Applied, newly);
    }

    /// <summary>Moves a paid order to the status its items' fulfilment implies (SPEC §5); false when nothing changes.</summary>
    public bool FollowFulfillment(IReadOnlyCollection<FulfillmentStatus> itemStates, DateTimeOffset now)
    {
        if (Status is not (OrderStatus.Paid or OrderStatus.PartiallyFulfilled or OrderStatus.FulfillmentFailed)) return false;
        var next = OrderStateMachine.FromFulfillment(Items.Count, itemStates);
        if (next is not { } target || target == Status) return false;
        MoveTo(target, now);
        if (target == OrderStatus.Fulfilled) FulfilledAt = now;
        return true;
    }

    public bool Expire(DateTimeOffset now)
    {
        if (!OrderStateMachine.AwaitsPayment(Status) || now < ExpiresAt) return false;
        MoveTo(OrderStatus.Expired, now);
        return true;
    }

    private void MoveTo(OrderStatus next, DateTimeOffset now)
    {
        if (!OrderStateMachine.CanTransition(Status, next))
            throw new InvalidOperationException($"Order {Number} cannot go from {Status} to {next}.");
        Status = next;
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }
}

/// <summary>An order line: the configuration and price lines as they were when the order was placed.</summary>
public sealed class OrderItem
{
    public long Id { get; private set; }
    public Guid OrderId { get; private set; }
    public int Position { get; init; }
    public long ProductId { get; init; }
    public required string ProductSlug { get; init; }
    public required string ProductName { get; init; }
    public required string ProductType { get; init; }
    public required string DeliveryModel { get; init; }
    public required string Configuration { get; init; }
    public required IReadOnlyList<OrderLine> Lines { get; init; }
    public long Subtotal { get; init; }
    public long Discount { get; init; }
    public long Total { get; init; }
    public string? BillingCycle { get; init; }
    public bool Recurring { get; init; }
    public long? NextRenewalAmount { get; init; }
    public string? Subdomain { get; init; }

    /// <summary>The <see cref="Catalog.Domain.PurchasedTerms"/> as JSON; null for items ordered before terms were kept, and for renewals.</summary>
    public string? Terms { get; init; }

    /// <summary>When a confirmed refund covered this item.</summary>
    public DateTimeOffset? RefundedAt { get; set; }
}

public sealed record OrderLine(string Label, long Amount);

/// <summary>Holds a SaaS subdomain for an unpaid or paid order, so two orders can never get the same one.</summary>
public sealed class SubdomainReservation
{
    public required string Subdomain { get; init; }
    public Guid OrderId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
