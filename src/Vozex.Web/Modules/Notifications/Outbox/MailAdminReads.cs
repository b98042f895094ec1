using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Notifications.Outbox;

internal sealed class MailAdminReads(MarketplaceDbContext db) : IMailAdminReads
{
    /// <summary>
    /// Outbox rows have no order column; the mail record names the order (id or number) in its payload or subject. Sensitive
    /// kinds lose their payload once delivered, so their subject (which carries the order number) is matched too.
    /// </summary>
    public async Task<IReadOnlyList<MailSummary>> ForOrderAsync(Guid orderId, string orderNumber, CancellationToken cancellationToken)
    {
        var id = orderId.ToString();
        var rows = await db.Set<OutboxMail>().AsNoTracking()
            .Where(m => m.Payload.Contains(id) || m.Payload.Contains(orderNumber) || (m.Subject != null && m.Subject.Contains(orderNumber)))
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return rows.Select(Summary).ToList();
    }

    public Task<int> FailingCountAsync(CancellationToken cancellationToken) =>
        db.Set<OutboxMail>().CountAsync(m => m.Status == WorkStatus.Failed || m.Status == WorkStatus.Retrying, cancellationToken);

    public async Task<IReadOnlyList<MailSummary>> RecentFailingAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await db.Set<OutboxMail>().AsNoTracking()
            .Where(m => m.Status == WorkStatus.Failed || m.Status == WorkStatus.Retrying)
            .OrderByDescending(m => m.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(Summary).ToList();
    }

    private static MailSummary Summary(OutboxMail m) =>
        new(m.Id, m.Kind, m.ToEmail, m.Subject, m.Status.WireName(), m.Attempts, m.LastError, m.CreatedAt, m.SentAt);
}
