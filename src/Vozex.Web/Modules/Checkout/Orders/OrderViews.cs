using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Checkout.Orders;

public sealed record OrderLineView(string Label, Money Amount);

/// <summary>Fulfilment of one item; null until the order is paid.</summary>
public sealed record FulfillmentView(string Status, string Driver, string? ExternalReferenceId, string? ExternalWorkspaceUrl);

public sealed record OrderItemView(
    long Id,
    int Position,
    string ProductSlug,
    string ProductName,
    string ProductType,
    string DeliveryModel,
    JsonElement Configuration,
    IReadOnlyList<OrderLineView> Lines,
    Money Subtotal,
    Money Discount,
    Money Total,
    string? BillingCycle,
    bool Recurring,
    Money? NextRenewalAmount,
    string? Subdomain,
    FulfillmentView? Fulfillment);

public sealed record PaymentView(string Gateway, string GatewayPaymentId, Money Amount, string Status, string Outcome, DateTimeOffset CreatedAt);

public sealed record OrderView(
    Guid Id,
    string OrderNumber,
    string Status,
    string Currency,
    Money Subtotal,
    Money Discount,
    Money Total,
    string PaymentGateway,
    string? CheckoutUrl,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? PaidAt,
    IReadOnlyList<OrderItemView> Items,
    IReadOnlyList<PaymentView> Payments);

public sealed record OrderSummaryView(Guid Id, string OrderNumber, string Status, Money Total, int ItemCount, string FirstItem, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt);

/// <summary>Orders as their owner sees them. Another customer's order is simply not found.</summary>
internal sealed class OrderQueries(MarketplaceDbContext db, IPaymentHistory payments, IFulfillmentStatusReader fulfillment)
{
    public async Task<OrderView?> FindAsync(Guid customerId, Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId && o.CustomerId == customerId, cancellationToken);
        if (order is null) return null;
        return ToView(order, await payments.ForOrderAsync(order.Id, cancellationToken), await fulfillment.ForOrderAsync(order.Id, cancellationToken));
    }

    public async Task<Paged<OrderSummaryView>> ListAsync(Guid customerId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var mine = db.Set<Order>().AsNoTracking().IgnoreAutoIncludes().Where(o => o.CustomerId == customerId);
        var total = await mine.CountAsync(cancellationToken);
        var rows = await mine.OrderByDescending(o => o.CreatedAt)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(o => new
            {
                o.Id, o.Number, o.Status, o.Total, o.Currency, o.CreatedAt, o.PaidAt,
                Count = o.Items.Count,
                First = o.Items.OrderBy(i => i.Position).Select(i => i.ProductName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new OrderSummaryView(r.Id, r.Number, r.Status.WireName(), new Money(r.Total, r.Currency), r.Count, r.First ?? "", r.CreatedAt, r.PaidAt)).ToList();
        return new Paged<OrderSummaryView>(items, page, pageSize, total);
    }

    private static FulfillmentView FulfillmentViewOf(ItemFulfillment f) =>
        new(f.Status.WireName(), f.Driver, f.ExternalReferenceId, f.ExternalWorkspaceUrl);


    internal static OrderView ToView(Order order, IReadOnlyList<PaymentSummary> payments, IReadOnlyList<ItemFulfillment> fulfillment)
    {
        var byItem = fulfillment.ToDictionary(f => f.OrderItemId);
        Money M(long amount) => new(amount, order.Currency);
        var items = order.Items.OrderBy(i => i.Position).Select(i => new OrderItemView(
            i.Id, i.Position, i.ProductSlug, i.ProductName, i.ProductType, i.DeliveryModel,
            JsonDocument.Parse(i.Configuration).RootElement.Clone(),
            i.Lines.Select(l => new OrderLineView(l.Label, M(l.Amount))).ToList(),
            M(i.Subtotal), M(i.Discount), M(i.Total), i.BillingCycle, i.Recurring,
            i.NextRenewalAmount is { } renewal ? M(renewal) : null, i.Subdomain,
            byItem.TryGetValue(i.Id, out var f) ? FulfillmentViewOf(f) : null)).ToList();
        return new OrderView(order.Id, order.Number, order.Status.WireName(), order.Currency, M(order.Subtotal), M(order.Discount), M(order.Total),
            order.Gateway, OrderStateMachine.AwaitsPayment(order.Status) ? order.CheckoutUrl : null, order.FailureReason,
            order.CreatedAt, order.ExpiresAt, order.PaidAt, items,
            payments.Select(p => new PaymentView(p.Gateway, p.GatewayPaymentId, p.Amount, p.Status, p.Application, p.CreatedAt)).ToList());
    }
}
