using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.ServiceOrders.Contracts;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.ServiceOrders.Domain;

/// <summary>Completes deliveries nobody answered within 3 days. Guarded by each order's version, so any number of nodes may sweep.</summary>
internal sealed class DeliveryAutoCompleter(IServiceScopeFactory scopes, TimeProvider time, ILogger<DeliveryAutoCompleter> logger)
    : PeriodicSweeper(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var actions = scope.ServiceProvider.GetRequiredService<ServiceOrderActions>();
        var cutoff = Time.GetUtcNow() - ServiceOrder.AutoCompleteAfter;
        var due = await db.Set<ServiceOrder>()
            .Where(o => o.Status == ServiceOrderStatus.Delivered && o.DeliveredAt <= cutoff)
            .OrderBy(o => o.DeliveredAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        var completed = 0;
        foreach (var order in due)
        {
            try
            {
                if (await actions.AutoCompleteAsync(order, cancellationToken)) completed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // the customer (or another node) answered first
            }
        }
        return completed;
    }
}

/// <summary>A refunded service item cancels its service order, inside the refund's unit of work (SPEC §6).</summary>
internal sealed class ServiceOrderRefunds(MarketplaceDbContext db, ServiceOrderActions actions) : IRefundObserver
{
    public async Task OnItemsRefundedAsync(OrderItemsRefunded refund, CancellationToken cancellationToken)
    {
        var items = refund.Items.Where(i => i.DeliveryModel == "service").Select(i => i.OrderItemId).ToList();
        if (items.Count == 0) return;
        var orders = await db.Set<ServiceOrder>().Where(o => items.Contains(o.OrderItemId)).ToListAsync(cancellationToken);
        foreach (var order in orders)
            await actions.CancelWithinAsync(order, new Author(null, Author.System, "VOZEX"), $"Refunded (order {refund.OrderNumber}).", cancellationToken);
    }
}

internal sealed class ServiceOrderCancellation(MarketplaceDbContext db, ServiceOrderActions actions) : IServiceOrderCancellation
{
    public async Task<int> CancelForOrderItemsAsync(IReadOnlyCollection<long> orderItemIds, string reason, CancellationToken cancellationToken)
    {
        var orders = await db.Set<ServiceOrder>().Where(o => orderItemIds.Contains(o.OrderItemId)).ToListAsync(cancellationToken);
        var cancelled = 0;
        foreach (var order in orders)
            if (await actions.CancelAsync(order, new Author(null, Author.System, "VOZEX"), reason, cancellationToken)) cancelled++;
        return cancelled;
    }
}
