using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Vozex.Web.Modules.Notifications.Mailbox;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Notifications.Sending;

/// <summary>A rendered message ready to hand to a transport.</summary>
internal sealed record OutgoingMail(long OutboxId, string Kind, string MessageId, string From, string ToEmail, string? ToName, string Subject, string Text, string Html);

/// <summary>Where mail goes: an SMTP server, or the local mailbox table. Returns the name recorded on the outbox row.</summary>
internal interface IMailTransport
{
    Task<string> DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>
/// The local mailbox: the message is added to the runner's unit of work, so it lands in the mailbox in the same commit
/// that marks the outbox row sent. A crash before that commit leaves neither; this path is exactly once.
/// </summary>
internal sealed class LocalMailboxTransport(MarketplaceDbContext db, TimeProvider time) : IMailTransport
{
    public const string Name = "mailbox";

    public async Task<string> DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        // Belt and braces: the unique index on message_id would refuse a second copy anyway.
        if (await db.Set<MailboxMessage>().AnyAsync(m => m.MessageId == mail.MessageId, cancellationToken)) return Name;
        db.Add(new MailboxMessage
        {
            MessageId = mail.MessageId,
            OutboxId = mail.OutboxId,
            Kind = mail.Kind,
            From = mail.From,
            ToEmail = mail.ToEmail,
            ToName = mail.ToName,
            Subject = mail.Subject,
            TextBody = mail.Text,
            HtmlBody = mail.Html,
            ReceivedAt = time.GetUtcNow(),
        });
        return Name;
    }
}

/// <summary>
/// SMTP through MailKit, one connection per message: mail volume is low, and a fresh connection means a server that
/// restarted is simply reconnected to on the next attempt. The server's 250 after DATA is the point of no return;
/// see ADR 0007 for what a crash right after it can and cannot do.
/// </summary>
internal sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public const string Name = "smtp";

    public async Task<string> DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var message = ToMime(mail);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host!, smtp.Port, Security(smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        // A failed QUIT after the 250 must not turn a delivered message into a retry (a duplicate).
        try { await client.DisconnectAsync(quit: true, CancellationToken.None); }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException) { }
        return Name;
    }

    internal static MimeMessage ToMime(OutgoingMail mail)
    {
        var message = new MimeMessage { MessageId = mail.MessageId, Subject = mail.Subject };
        message.From.Add(MailboxAddress.Parse(mail.From));
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.ToEmail));
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }

    private static SecureSocketOptions Security(string security) => security switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
