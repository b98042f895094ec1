using System.Text.Json;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Modules.Notifications.Templates;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Notifications.Outbox;

internal sealed class MailOutbox(MarketplaceDbContext db, TimeProvider time, AfterCommit afterCommit, WorkSignal<OutboxMail> signal) : IMailOutbox
{
    public string Enqueue<TMail>(TMail mail) where TMail : class, IMail
    {
        ArgumentNullException.ThrowIfNull(mail);
        var kind = MailCatalog.Default.For(typeof(TMail));
        var now = time.GetUtcNow();
        var messageId = NewMessageId();
        db.Add(new OutboxMail
        {
            Kind = kind.Name,
            MessageId = messageId,
            ToEmail = mail.To.Email.Trim(),
            ToName = string.IsNullOrWhiteSpace(mail.To.Name) ? null : mail.To.Name.Trim(),
            Payload = JsonSerializer.Serialize(mail, MailJson.Options),
            Sensitive = kind.Sensitive,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        // Drained only by a leased-work runner after its commit; a request's caller uses WakeSender after its own save.
        afterCommit.Add(signal.Pulse);
        return messageId;
    }

    public void WakeSender() => signal.Pulse();

    /// <summary>RFC 5322 id-left "@" id-right; the right side names us, the left is unique without coordination between nodes.</summary>
    internal static string NewMessageId() => $"{Guid.CreateVersion7():N}@vozex";
}
