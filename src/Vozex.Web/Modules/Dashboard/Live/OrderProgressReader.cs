using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.ServiceOrders.Contracts;

namespace Vozex.Web.Modules.Dashboard.Live;

/// <summary><see cref="State"/>: waiting (not paid yet), working, done, failed or stopped (refunded, cancelled).</summary>
public sealed record ItemProgressView(long OrderItemId, string ProductName, string DeliveryModel, string State, string Text, string? Href);

public sealed record OrderProgressView(OrderProgress Order, IReadOnlyList<ItemProgressView> Items)
{
    /// <summary>Nothing more will change without someone acting: stop following the order.</summary>
    public bool Settled => Order.Status is not ("pending_payment" or "paid" or "partially_fulfilled") && Items.All(i => i.State != "working");
}

/// <summary>Reads one order's progress: payment from Checkout, each item's fulfilment, and for services whether a provider took it.</summary>
internal sealed class OrderProgressReader(IOrderOverview orders, IFulfillmentStatusReader fulfillment, IServiceOrderOverview serviceOrders)
{
    public async Task<OrderProgressView?> ReadAsync(Guid customerId, Guid orderId, CancellationToken cancellationToken)
    {
        var order = await orders.ProgressAsync(customerId, orderId, cancellationToken);
        if (order is null) return null;
        var records = (await fulfillment.ForOrderAsync(orderId, cancellationToken)).ToDictionary(r => r.OrderItemId);
        var services = order.Items.Any(i => i.DeliveryModel == "service")
            ? (await serviceOrders.ForOrderAsync(customerId, orderId, cancellationToken)).ToDictionary(s => s.OrderItemId)
            : [];
        var paid = order.PaidAt is not null;
        return new OrderProgressView(order, order.Items.Select(i =>
        {
            var (state, text, href) = Describe(i, paid, records.GetValueOrDefault(i.OrderItemId), services.GetValueOrDefault(i.OrderItemId));
            return new ItemProgressView(i.OrderItemId, i.ProductName, i.DeliveryModel, state, text, href);
        }).ToList());
    }

    internal static (string State, string Text, string? Href) Describe(OrderProgressItem item, bool paid, ItemFulfillment? record, ServiceOrderProgress? service)
    {
        var (working, done, tab) = item.DeliveryModel switch
        {
            "saas" => ("Provisioning your tenant…", "done", "/account/tenants"),
            "self_hosted" => ("Issuing your license…", "done", "/account/licenses"),
            _ => ("Finding a provider…", "assigned", "/account/services"),
        };
        if (item.Refunded) return ("stopped", "Refunded", null);
        if (!paid) return ("waiting", "Starts once the payment is confirmed", null);
        if (record is null) return ("working", working, null);
        switch (record.Status)
        {
            case FulfillmentStatus.Pending or FulfillmentStatus.Processing:
                return ("working", working, null);
            case FulfillmentStatus.Retrying:
                return ("working", $"{working} taking longer than usual, retrying", null);
            case FulfillmentStatus.Failed:
                return ("failed", $"{working} needs our attention: our team has been told and will finish it", null);
            case FulfillmentStatus.Revoked:
                return ("stopped", "Revoked", null);
            case FulfillmentStatus.Active or FulfillmentStatus.Completed:
                if (item.DeliveryModel != "service") return ("done", $"{working} {done}", LocalOr(record.ExternalWorkspaceUrl, tab));
                var href = LocalOr(record.ExternalWorkspaceUrl, tab);
                return service?.Status switch
                {
                    null or "pending_assignment" => ("working", working, href),
                    "cancelled" => ("stopped", "Cancelled", href),
                    _ => ("done", $"{working} {done}{(service.ProviderName is { } name ? $" to {name}" : "")}", href),
                };
            default:
                return ("working", working, null);
        }
    }

    /// <summary>Only our own pages are linked from here (a tenant's admin lives on its own host and opens from the SaaS tab).</summary>
    private static string LocalOr(string? url, string fallback) =>
        url is { Length: > 1 } u && u[0] == '/' && u[1] != '/' ? u : fallback;
}
