using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Fulfillment.Records;

internal sealed class FulfillmentScheduler(MarketplaceDbContext db, TimeProvider time, AfterCommit afterCommit, WorkSignal<FulfillmentRecord> signal)
    : IFulfillmentScheduler
{
    public async Task ScheduleAsync(FulfillmentRequest request, CancellationToken cancellationToken)
    {
        var pending = db.ChangeTracker.Entries<FulfillmentRecord>().Any(e => e.Entity.OrderItemId == request.OrderItemId);
        if (pending || await db.Set<FulfillmentRecord>().AnyAsync(r => r.OrderItemId == request.OrderItemId, cancellationToken)) return;
        var now = time.GetUtcNow();
        db.Add(new FulfillmentRecord
        {
            OrderId = request.OrderId,
            OrderNumber = request.OrderNumber,
            OrderItemId = request.OrderItemId,
            CustomerId = request.CustomerId,
            CustomerEmail = request.CustomerEmail,
            Driver = FulfillmentDrivers.ForDeliveryModel(request.DeliveryModel),
            ProductType = request.ProductType,
            ProductSlug = request.ProductSlug,
            ProductName = request.ProductName,
            PayloadSnapshot = request.PayloadSnapshot,
            TermsSnapshot = request.TermsSnapshot,
            PaidAt = request.PaidAt,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        afterCommit.Add(signal.Pulse);
    }
}

internal sealed class FulfillmentStatusReader(MarketplaceDbContext db) : IFulfillmentStatusReader
{
    public async Task<IReadOnlyList<ItemFulfillment>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        await db.Set<FulfillmentRecord>().AsNoTracking()
            .Where(r => r.OrderId == orderId)
            .OrderBy(r => r.OrderItemId)
            .Select(r => new ItemFulfillment(r.Id, r.OrderItemId, r.Driver, r.Status, r.Attempts, r.ExternalReferenceId,
                r.ExternalWorkspaceUrl, r.LastError, r.CreatedAt, r.FinishedAt))
            .ToListAsync(cancellationToken);
}

internal sealed class FulfillmentRevoker(MarketplaceDbContext db, TimeProvider time) : IFulfillmentRevoker
{
    public async Task<int> RevokeAsync(IReadOnlyCollection<long> orderItemIds, CancellationToken cancellationToken)
    {
        var records = await db.Set<FulfillmentRecord>().Where(r => orderItemIds.Contains(r.OrderItemId)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return records.Count(r => r.Revoke(now));
    }
}
