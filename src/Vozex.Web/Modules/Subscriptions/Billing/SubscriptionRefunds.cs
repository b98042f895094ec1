using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Subscriptions.Billing;

/// <summary>
/// A refunded SaaS item ends its subscription (SPEC §6: a refunded SaaS item suspends its tenant): cancelled in the refund's
/// unit of work, so it is never renewed again, and the tenant is suspended and deleted after the grace period.
/// </summary>
internal sealed class SubscriptionRefunds(MarketplaceDbContext db, SubscriptionBilling billing) : IRefundObserver
{
    public async Task OnItemsRefundedAsync(OrderItemsRefunded refund, CancellationToken cancellationToken)
    {
        var itemIds = refund.Items.Where(i => i.DeliveryModel == "saas").Select(i => i.OrderItemId).ToList();
        if (itemIds.Count == 0) return;
        var subscriptions = await db.Set<Subscription>().Where(s => itemIds.Contains(s.OrderItemId)).ToListAsync(cancellationToken);
        foreach (var subscription in subscriptions)
            await billing.CancelAsync(subscription, "refunded", cancellationToken);
    }
}
