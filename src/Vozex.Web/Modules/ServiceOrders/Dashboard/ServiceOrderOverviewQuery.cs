using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.ServiceOrders.Contracts;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.ServiceOrders.Dashboard;

internal sealed class ServiceOrderOverviewQuery(MarketplaceDbContext db) : IServiceOrderOverview
{
    public async Task<ServiceOrderOverview> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var mine = db.Set<ServiceOrder>().AsNoTracking().Where(o => o.CustomerId == customerId);
        var count = await mine.CountAsync(cancellationToken);
        var open = await mine.CountAsync(o => o.Status != ServiceOrderStatus.Completed && o.Status != ServiceOrderStatus.Cancelled, cancellationToken);
        var delivered = await mine.Where(o => o.Status == ServiceOrderStatus.Delivered && o.DeliveredAt != null)
            .Select(o => new
            {
                o.Id, o.ProductName, o.DeliveredAt,
                Provider = db.Set<Provider>().Where(p => p.Id == o.ProviderId).Select(p => p.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var waiting = await mine.Where(o => o.Status == ServiceOrderStatus.PendingAssignment)
            .OrderBy(o => o.CreatedAt).Take(20)
            .Select(o => new ServiceOrderWaiting(o.Id, o.OrderId, o.OrderNumber, o.ProductName))
            .ToListAsync(cancellationToken);
        return new ServiceOrderOverview(count, open, delivered.OrderBy(o => o.DeliveredAt)
            .Select(o => new DeliveryAwaitingAcceptance(o.Id, o.ProductName, o.Provider, o.DeliveredAt!.Value, o.DeliveredAt.Value + ServiceOrder.AutoCompleteAfter))
            .ToList(), waiting);
    }

    public async Task<IReadOnlyList<ServiceOrderProgress>> ForOrderAsync(Guid customerId, Guid orderId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ServiceOrder>().AsNoTracking().Where(o => o.OrderId == orderId && o.CustomerId == customerId)
            .Select(o => new
            {
                o.OrderItemId, o.Id, o.Status,
                Provider = db.Set<Provider>().Where(p => p.Id == o.ProviderId).Select(p => p.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ServiceOrderProgress(r.OrderItemId, r.Id, r.Status.WireName(), r.Provider)).ToList();
    }
}
