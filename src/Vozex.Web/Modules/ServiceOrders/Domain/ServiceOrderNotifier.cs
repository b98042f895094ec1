using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.ServiceOrders.Domain;

/// <summary>
/// Mails the other party about a change (SPEC §7.3). Mails join the caller's unit of work, so they are sent only if
/// the change commits; call <see cref="Wake"/> after the commit.
/// </summary>
internal sealed class ServiceOrderNotifier(MarketplaceDbContext db, IAccountDirectory accounts, IMailOutbox outbox)
{
    public async Task ToCustomerAsync(ServiceOrder order, string headline, string? detail, CancellationToken cancellationToken)
    {
        var name = (await accounts.FindAsync(order.CustomerId, cancellationToken))?.Name ?? "";
        outbox.Enqueue(new ServiceOrderUpdateMail(new MailRecipient(order.CustomerEmail, name), name, order.OrderNumber, order.ProductName,
            headline, detail, $"/service-orders/{order.Id}"));
    }

    public async Task ToProviderAsync(ServiceOrder order, Guid? providerId, string headline, string? detail, CancellationToken cancellationToken)
    {
        if (providerId is not { } id) return;
        var provider = await db.Set<Provider>().AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Name, p.Email }).FirstOrDefaultAsync(cancellationToken);
        if (provider is null) return;
        outbox.Enqueue(new ServiceOrderUpdateMail(new MailRecipient(provider.Email, provider.Name), provider.Name, order.OrderNumber, order.ProductName,
            headline, detail, $"/provider/orders/{order.Id}"));
    }

    public async Task<string> ProviderNameAsync(Guid? providerId, CancellationToken cancellationToken) =>
        providerId is { } id
            ? await db.Set<Provider>().AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken) ?? "your provider"
            : "your provider";

    public void Wake() => outbox.WakeSender();
}
