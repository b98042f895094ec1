using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Checkout.Orders;

/// <summary>
/// The customer mails an order's payment causes. Queued in the caller's unit of work (the inbox row's), so a payment
/// and its confirmation commit together: no paid order without its mail, no mail for a payment that rolled back.
/// </summary>
internal sealed class OrderMails(IMailOutbox outbox, IAccountDirectory accounts)
{
    public async Task ConfirmationAsync(Order order, CancellationToken cancellationToken)
    {
        var name = await CustomerNameAsync(order, cancellationToken);
        Money M(long amount) => new(amount, order.Currency);
        var items = order.Items.OrderBy(i => i.Position).Select(i => new MailOrderItem(
            i.ProductName, i.ProductType, i.Subdomain,
            i.Lines.Select(l => new MailPriceLine(l.Label, M(l.Amount))).ToList(),
            M(i.Discount), M(i.Total), i.BillingCycle, i.NextRenewalAmount is { } renewal ? M(renewal) : null)).ToList();
        outbox.Enqueue(new OrderConfirmationMail(new MailRecipient(order.CustomerEmail, name), order.Id, order.Number, name, items,
            M(order.Subtotal), M(order.Discount), M(order.Total), order.PaidAt ?? order.UpdatedAt));
    }

    public async Task PaymentFailedAsync(Order order, CancellationToken cancellationToken)
    {
        var name = await CustomerNameAsync(order, cancellationToken);
        outbox.Enqueue(new PaymentFailedMail(new MailRecipient(order.CustomerEmail, name), order.Id, order.Number, name,
            order.Items.OrderBy(i => i.Position).Select(i => i.ProductName).ToList(), order.TotalMoney, order.FailureReason));
    }

    /// <summary>The account's display name; the address's local part when the account is gone.</summary>
    private async Task<string> CustomerNameAsync(Order order, CancellationToken cancellationToken) =>
        (await accounts.FindAsync(order.CustomerId, cancellationToken))?.Name is { Length: > 0 } name ? name : order.CustomerEmail.Split('@')[0];
}
