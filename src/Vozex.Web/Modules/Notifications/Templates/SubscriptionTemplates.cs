using System.Text;
using Vozex.Web.Modules.Notifications.Contracts;

namespace Vozex.Web.Modules.Notifications.Templates;

internal sealed class SubscriptionReceiptTemplate : IMailTemplate<SubscriptionReceiptMail>
{
    public string Subject(SubscriptionReceiptMail mail) => $"Receipt: {mail.ProductName} {mail.Headline.ToLowerInvariant()} ({mail.OrderNumber})";

    public string Text(SubscriptionReceiptMail mail, Uri site)
    {
        var text = new StringBuilder();
        text.AppendLine(MailFormat.Greeting(mail.To.Name ?? "")).AppendLine();
        text.AppendLine($"{mail.Headline}: we charged {mail.Total.Display()} on {MailFormat.Date(mail.PaidAt)} for {mail.ProductName}"
            + (mail.Domain is null ? "." : $" ({mail.Domain})."));
        text.AppendLine().AppendLine($"Order {mail.OrderNumber}");
        foreach (var line in mail.Lines) text.AppendLine($"  {line.Label}: {line.Amount.Display()}");
        text.AppendLine($"  Total: {mail.Total.Display()}").AppendLine();
        text.AppendLine($"Paid until {MailFormat.Date(mail.PeriodEnd)}; the next renewal is {mail.NextRenewalAmount.Display()}.");
        text.AppendLine($"Order details: {MailFormat.OrderLink(site, mail.OrderId)}").AppendLine();
        text.AppendLine("The VOZEX team");
        return text.ToString();
    }
}

internal sealed class SubscriptionNoticeTemplate : IMailTemplate<SubscriptionNoticeMail>
{
    public string Subject(SubscriptionNoticeMail mail) => $"{mail.ProductName}: {mail.Headline}";

    public string Text(SubscriptionNoticeMail mail, Uri site)
    {
        var text = new StringBuilder();
        text.AppendLine(MailFormat.Greeting(mail.To.Name ?? "")).AppendLine();
        text.AppendLine($"{mail.Headline}" + (mail.Domain is null ? "." : $" ({mail.Domain})."));
        text.AppendLine().AppendLine(mail.Detail);
        if (mail.Amount is { } amount) text.AppendLine().AppendLine($"Amount: {amount.Display()}");
        if (mail.At is { } at) text.AppendLine($"Date: {MailFormat.Date(at)}");
        text.AppendLine().AppendLine($"Your subscription: {MailFormat.SiteLink(site, mail.Path)}").AppendLine();
        text.AppendLine("The VOZEX team");
        return text.ToString();
    }
}
