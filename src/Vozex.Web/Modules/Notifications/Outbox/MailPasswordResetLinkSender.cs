using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Notifications.Outbox;

/// <summary>Mails a reset link through the outbox. A reset request is its own unit of work, so this one saves.</summary>
internal sealed class MailPasswordResetLinkSender(
    MarketplaceDbContext db,
    IMailOutbox outbox,
    IOptions<DataProtectionTokenProviderOptions> tokens) : IPasswordResetLinkSender
{
    public async Task SendAsync(AccountInfo account, Uri resetLink, CancellationToken cancellationToken)
    {
        outbox.Enqueue(new PasswordResetMail(new MailRecipient(account.Email, account.Name), account.Name, resetLink, tokens.Value.TokenLifespan));
        await db.SaveChangesAsync(cancellationToken);
        outbox.WakeSender();
    }
}
