using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Tenancy.Contracts;

namespace Vozex.Web.Modules.Tenancy.Lifecycle;

/// <summary>
/// A refunded SaaS item cancels its tenant inside the refund's unit of work (SPEC §7.1): the site closes when the refund
/// commits and the database is deleted after the grace period. Cancelling twice changes nothing, so a retried unit of
/// work may call this again.
/// </summary>
internal sealed class TenantRefunds(ITenantLifecycle lifecycle) : IRefundObserver
{
    public async Task OnItemsRefundedAsync(OrderItemsRefunded refund, CancellationToken cancellationToken)
    {
        var items = refund.Items.Where(i => i.DeliveryModel == "saas").Select(i => i.OrderItemId).ToList();
        if (items.Count == 0) return;
        foreach (var tenant in await lifecycle.FindByOrderItemsAsync(items, cancellationToken))
            await lifecycle.CancelAsync(tenant.Id, $"Refunded (order {refund.OrderNumber}).", null, cancellationToken);
    }
}
