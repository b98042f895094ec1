namespace Vozex.Web.Modules.Notifications.Mailbox;

/// <summary>
/// A message delivered to the local mailbox (no SMTP server configured): what an administrator reads at
/// <c>/admin/mailbox</c>. Unique on Message-Id, so the mailbox can never hold one message twice.
/// </summary>
internal sealed class MailboxMessage
{
    public long Id { get; private set; }
    public required string MessageId { get; init; }
    public long OutboxId { get; init; }
    public required string Kind { get; init; }
    public required string From { get; init; }
    public required string ToEmail { get; init; }
    public string? ToName { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public required string HtmlBody { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
