namespace Vozex.Web.Modules.Notifications.Contracts;

/// <summary>A queued or sent mail as the admin sees it (never its body or secrets).</summary>
public sealed record MailSummary(long Id, string Kind, string To, string? Subject, string Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>Read access to the mail outbox for the admin order detail and the admin home.</summary>
public interface IMailAdminReads
{
    /// <summary>Mails about the order (those whose record names its id or number), oldest first.</summary>
    Task<IReadOnlyList<MailSummary>> ForOrderAsync(Guid orderId, string orderNumber, CancellationToken cancellationToken);

    /// <summary>Mails that failed for good or are waiting to retry after a failure.</summary>
    Task<int> FailingCountAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<MailSummary>> RecentFailingAsync(int limit, CancellationToken cancellationToken);
}
