namespace Vozex.Web.Modules.Notifications.Contracts;

/// <summary>Who a mail goes to: an address and, when known, the name to greet and show in the To header.</summary>
public sealed record MailRecipient(string Email, string? Name);

/// <summary>
/// A mail the outbox can send. Each kind is a record in this folder (<see cref="OrderConfirmationMail"/> and its
/// siblings) holding the facts its template shows, and has a template registered in <c>Templates/MailCatalog.cs</c>:
/// that file is the one place to look when adding a mail. The record is stored as JSON with the outbox row and
/// rendered when the mail is sent, so keep it to plain data (strings, numbers, <c>Money</c>, lists, ids).
/// </summary>
public interface IMail
{
    MailRecipient To { get; }
}

/// <summary>
/// Queues mail in the caller's unit of work. <see cref="Enqueue{TMail}"/> only adds an outbox row to the caller's
/// <c>MarketplaceDbContext</c>: the mail is sent if and only if the caller's <c>SaveChangesAsync</c> commits, so
/// the event and its mail can never disagree. Inside a leased-work handler the sender is woken right after the
/// commit; elsewhere it finds the row at its next poll (a second at most), or call <see cref="WakeSender"/> after saving.
/// </summary>
public interface IMailOutbox
{
    /// <summary>Adds the mail to the caller's unit of work; returns its Message-Id (without angle brackets), fixed for every attempt.</summary>
    /// <exception cref="InvalidOperationException">The mail's type has no template in the catalog.</exception>
    string Enqueue<TMail>(TMail mail) where TMail : class, IMail;

    /// <summary>Tells the sender there is new mail; call after your own <c>SaveChangesAsync</c> when not in a leased-work handler.</summary>
    void WakeSender();
}
