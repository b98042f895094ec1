using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Checkout.Admin;

public sealed record AdminOrderQuery(OrderStatus? Status, string? Q, string? Gateway, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize);

public sealed record AdminOrderSummary(
    Guid Id, string OrderNumber, string CustomerEmail, string Status, string PaymentGateway, Money Total, int ItemCount, string FirstItem,
    DateTimeOffset CreatedAt, DateTimeOffset? PaidAt);

public sealed record AdminFulfillmentView(long Id, string Status, string Driver, int Attempts, string? ExternalReferenceId, string? ExternalWorkspaceUrl,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

public sealed record AdminOrderItemView(
    long Id, int Position, long ProductId, string ProductSlug, string ProductName, string ProductType, string DeliveryModel, JsonElement Configuration,
    IReadOnlyList<OrderLineView> Lines, Money Subtotal, Money Discount, Money Total, string? BillingCycle, bool Recurring, string? Subdomain,
    DateTimeOffset? RefundedAt, bool Refundable, AdminFulfillmentView? Fulfillment);

/// <summary>Everything about one order an administrator needs to answer a customer or fix what failed.</summary>
public sealed record AdminOrderDetail(
    Guid Id, string OrderNumber, Guid CustomerId, string CustomerEmail, string Status, string Currency, Money Subtotal, Money Discount, Money Total,
    Money Refunded, string PaymentGateway, string? FailureReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PaidAt,
    DateTimeOffset? FulfilledAt, bool Refundable,
    IReadOnlyList<AdminOrderItemView> Items, IReadOnlyList<PaymentView> Payments, IReadOnlyList<RefundSummary> Refunds,
    IReadOnlyList<WebhookEventSummary> WebhookEvents, IReadOnlyList<MailSummary> Mails);

/// <summary>Orders as administrators search and read them: any customer's, with what the other modules recorded about each.</summary>
public sealed class AdminOrderQueries(
    MarketplaceDbContext db, IPaymentHistory payments, IPaymentAdminReads paymentReads, IPaymentRefunds refunds,
    IFulfillmentStatusReader fulfillment, IMailAdminReads mails)
{
    public static readonly IReadOnlyList<string> Gateways = [GatewayNames.Sandbox, GatewayNames.DodoPayments, GatewayNames.PayPal];

    /// <summary>Reads the query string of the API and the page alike; errors name the parameter.</summary>
    public static AdminOrderQuery Read(string? status, string? q, string? gateway, string? from, string? to, string? page, string? pageSize,
        IDictionary<string, string[]> errors)
    {
        OrderStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            wanted = WireNames.FromWireName<OrderStatus>(status);
            if (wanted is null) errors["status"] = [$"Must be one of {WireNames.Choices<OrderStatus>()}."];
        }
        q = q?.Trim();
        if (q is { Length: > 200 }) errors["q"] = ["At most 200 characters."];
        if (!string.IsNullOrEmpty(gateway) && !Gateways.Contains(gateway)) errors["gateway"] = [$"Must be one of {string.Join(", ", Gateways)}."];
        var fromAt = ReadDate(from, "from", endOfDay: false, errors);
        var toAt = ReadDate(to, "to", endOfDay: true, errors);
        if (fromAt is not null && toAt is not null && toAt < fromAt) errors["to"] = ["Must not be before from."];
        var (p, size) = Paging.Read(page, pageSize, errors);
        return new AdminOrderQuery(wanted, string.IsNullOrEmpty(q) || q.Length > 200 ? null : q, string.IsNullOrEmpty(gateway) ? null : gateway,
            fromAt, toAt, p, size);
    }

    /// <summary>A date (yyyy-mm-dd, UTC; "to" includes the whole day) or an ISO 8601 instant.</summary>
    private static DateTimeOffset? ReadDate(string? raw, string name, bool endOfDay, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        errors[name] = ["Use a date (yyyy-mm-dd) or an ISO 8601 time."];
        return null;
    }

    public async Task<Paged<AdminOrderSummary>> ListAsync(AdminOrderQuery query, CancellationToken cancellationToken)
    {
        var orders = db.Set<Order>().AsNoTracking().IgnoreAutoIncludes();
        if (query.Status is { } status) orders = orders.Where(o => o.Status == status);
        if (query.Gateway is { } gateway) orders = orders.Where(o => o.Gateway == gateway);
        if (query.From is { } from) orders = orders.Where(o => o.CreatedAt >= from);
        if (query.To is { } to) orders = orders.Where(o => o.CreatedAt <= to);
        if (query.Q is { } q)
        {
            // Order numbers are upper case (VZX-XXXXX-XXXXX); emails are stored as typed, so compare lower-cased.
            var number = q.ToUpperInvariant();
            var email = q.ToLowerInvariant();
            orders = orders.Where(o => o.Number.Contains(number) || o.CustomerEmail.ToLower().Contains(email));
        }
        var total = await orders.CountAsync(cancellationToken);
        var rows = await orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(o => new
            {
                o.Id, o.Number, o.CustomerEmail, o.Status, o.Gateway, o.Total, o.Currency, o.CreatedAt, o.PaidAt,
                Count = o.Items.Count,
                First = o.Items.OrderBy(i => i.Position).Select(i => i.ProductName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new AdminOrderSummary(r.Id, r.Number, r.CustomerEmail, r.Status.WireName(), r.Gateway, new Money(r.Total, r.Currency),
            r.Count, r.First ?? "", r.CreatedAt, r.PaidAt)).ToList();
        return new Paged<AdminOrderSummary>(items, query.Page, query.PageSize, total);
    }

    public async Task<AdminOrderDetail?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null) return null;
        var paid = await payments.ForOrderAsync(id, cancellationToken);
        var records = (await fulfillment.ForOrderAsync(id, cancellationToken)).ToDictionary(f => f.OrderItemId);
        var busy = await refunds.ItemsInRefundsAsync(id, cancellationToken);
        var orderRefundable = OrderStateMachine.IsPaid(order.Status) && order.Status != OrderStatus.Refunded;
        Money M(long amount) => new(amount, order.Currency);
        var items = order.Items.OrderBy(i => i.Position).Select(i => new AdminOrderItemView(
            i.Id, i.Position, i.ProductId, i.ProductSlug, i.ProductName, i.ProductType, i.DeliveryModel,
            JsonDocument.Parse(i.Configuration).RootElement.Clone(),
            i.Lines.Select(l => new OrderLineView(l.Label, M(l.Amount))).ToList(),
            M(i.Subtotal), M(i.Discount), M(i.Total), i.BillingCycle, i.Recurring, i.Subdomain, i.RefundedAt,
            orderRefundable && i.RefundedAt is null && !busy.Contains(i.Id),
            records.TryGetValue(i.Id, out var f)
                ? new AdminFulfillmentView(f.FulfillmentId, f.Status.WireName(), f.Driver, f.Attempts, f.ExternalReferenceId, f.ExternalWorkspaceUrl,
                    f.LastError, f.CreatedAt, f.FinishedAt)
                : null)).ToList();
        return new AdminOrderDetail(order.Id, order.Number, order.CustomerId, order.CustomerEmail, order.Status.WireName(), order.Currency,
            M(order.Subtotal), M(order.Discount), M(order.Total), M(order.RefundedAmount), order.Gateway, order.FailureReason,
            order.CreatedAt, order.UpdatedAt, order.PaidAt, order.FulfilledAt, items.Any(i => i.Refundable),
            items,
            paid.Select(p => new PaymentView(p.Gateway, p.GatewayPaymentId, p.Amount, p.Status, p.Application, p.CreatedAt)).ToList(),
            await paymentReads.RefundsForOrderAsync(id, cancellationToken),
            await paymentReads.WebhooksForOrderAsync(id, cancellationToken),
            await mails.ForOrderAsync(id, order.Number, cancellationToken));
    }
}

/// <summary>Order figures for the admin home, read by the Checkout module that owns orders.</summary>
internal sealed class OrderFigures(MarketplaceDbContext db) : IOrderFigures
{
    public async Task<OrderWindowFigures> ForWindowAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var orders = db.Set<Order>().AsNoTracking().IgnoreAutoIncludes();
        var placed = await orders.CountAsync(o => o.CreatedAt >= from && o.CreatedAt < to, cancellationToken);
        var paid = await orders.Where(o => o.PaidAt >= from && o.PaidAt < to)
            .GroupBy(o => o.Currency).Select(g => new { Currency = g.Key, Count = g.Count(), Sum = g.Sum(o => o.Total) })
            .ToListAsync(cancellationToken);
        var failed = await orders.CountAsync(o => o.Status == OrderStatus.FulfillmentFailed, cancellationToken);
        return new OrderWindowFigures(placed, paid.Sum(p => p.Count), paid.OrderBy(p => p.Currency).Select(p => new Money(p.Sum, p.Currency)).ToList(), failed);
    }
}

internal sealed class OrderedProducts(MarketplaceDbContext db) : IOrderedProducts
{
    public Task<bool> HasOrdersAsync(long productId, CancellationToken cancellationToken) =>
        db.Set<OrderItem>().AnyAsync(i => i.ProductId == productId, cancellationToken);
}
