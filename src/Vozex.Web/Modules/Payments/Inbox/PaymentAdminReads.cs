using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Refunds;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Payments.Inbox;

internal sealed class PaymentAdminReads(MarketplaceDbContext db) : IPaymentAdminReads
{
    /// <summary>
    /// Inbox rows carry no order column: a webhook names the order in its body (metadata.order_id, PayPal custom_id) and a
    /// refund webhook names the refund id. A text match over bodies is a scan, acceptable for one admin detail view.
    /// </summary>
    public async Task<IReadOnlyList<WebhookEventSummary>> WebhooksForOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var keys = await db.Set<RefundRecord>().AsNoTracking().Where(r => r.OrderId == orderId).Select(r => r.Id).ToListAsync(cancellationToken);
        var needles = keys.Select(k => k.ToString()).Prepend(orderId.ToString()).ToList();
        var rows = new List<WebhookInboxEntry>();
        foreach (var needle in needles)
            rows.AddRange(await db.Set<WebhookInboxEntry>().AsNoTracking().Where(w => w.Body.Contains(needle)).ToListAsync(cancellationToken));
        return rows.DistinctBy(w => w.Id).OrderBy(w => w.ReceivedAt).ThenBy(w => w.Id).Select(Summary).ToList();
    }

    public async Task<IReadOnlyList<RefundSummary>> RefundsForOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<RefundRecord>().AsNoTracking().Include(r => r.Items).Where(r => r.OrderId == orderId).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.CreatedAt).Select(r => new RefundSummary(r.Id, r.Gateway, new Money(r.Amount, r.Currency), r.Status.WireName(), r.Reason,
            r.RequestedBy, r.Items.Select(i => i.OrderItemId).ToList(), r.LastError, r.CreatedAt, r.CompletedAt)).ToList();
    }

    public Task<int> FailingWebhookCountAsync(CancellationToken cancellationToken) =>
        db.Set<WebhookInboxEntry>().CountAsync(w => w.Status == WorkStatus.Failed || w.Status == WorkStatus.Retrying, cancellationToken);

    public async Task<IReadOnlyList<WebhookEventSummary>> RecentFailingWebhooksAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Set<WebhookInboxEntry>().AsNoTracking()
            .Where(w => w.Status == WorkStatus.Failed || w.Status == WorkStatus.Retrying)
            .OrderByDescending(w => w.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(Summary).ToList();
    }

    private static WebhookEventSummary Summary(WebhookInboxEntry w) =>
        new(w.Id, w.Gateway, w.WebhookId, w.EventType, w.Status.WireName(), w.Outcome, w.Attempts, w.LastError, w.ReceivedAt);
}
