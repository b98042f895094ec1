using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Subscriptions.Billing;

/// <summary>
/// The leased-work handler over subscription rows: claimed when something is due, it does what is due (reminder, renewal,
/// retry, suspension, cancellation, deletion) in the claim's unit of work and sets when the row is next due.
/// </summary>
internal sealed class SubscriptionClock(SubscriptionBilling billing) : ILeasedWorkHandler<Subscription>
{
    public Task HandleAsync(Subscription work, CancellationToken cancellationToken) => billing.RunDueAsync(work, cancellationToken);
}

/// <summary>
/// Starts subscriptions when a SaaS item's fulfilment finishes: called inside the transaction that records the item's outcome,
/// so a provisioned tenant and its subscription commit together.
/// </summary>
internal sealed class SubscriptionStarter(MarketplaceDbContext db, SubscriptionBilling billing) : IFulfillmentProgressSink
{
    public async Task ItemsChangedAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (await billing.StartForOrderAsync(orderId, cancellationToken) > 0)
            await db.SaveChangesAsync(cancellationToken);
    }
}
