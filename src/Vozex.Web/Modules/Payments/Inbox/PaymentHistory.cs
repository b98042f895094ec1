using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Payments.Inbox;

internal sealed class PaymentHistory(MarketplaceDbContext db) : IPaymentHistory
{
    public async Task<IReadOnlyList<PaymentSummary>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<PaymentRecord>().AsNoTracking()
            .Where(p => p.OrderId == orderId)
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(p => new PaymentSummary(p.Gateway, p.GatewayPaymentId, new Money(p.Amount, p.Currency), p.Status, p.Application, p.CreatedAt)).ToList();
    }
}
