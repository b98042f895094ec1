using System.Text;
using Vozex.Web.Modules.Notifications.Contracts;

namespace Vozex.Web.Modules.Notifications.Templates;

internal sealed class OrderConfirmationTemplate : IMailTemplate<OrderConfirmationMail>
{
    public string Subject(OrderConfirmationMail mail) => $"Your VOZEX order {mail.OrderNumber} is confirmed";

    public string Text(OrderConfirmationMail mail, Uri site)
    {
        var text = new StringBuilder();
        text.AppendLine(MailFormat.Greeting(mail.CustomerName)).AppendLine();
        text.AppendLine($"Thank you for your order. We received your payment of {mail.Total.Display()} on {MailFormat.Date(mail.PaidAt)}.");
        text.AppendLine("We are setting everything up now and will write again when it is ready.").AppendLine();
        text.AppendLine($"Order {mail.OrderNumber}").AppendLine();
        foreach (var item in mail.Items)
        {
            text.AppendLine(item.Subdomain is null ? item.ProductName : $"{item.ProductName} ({item.Subdomain})");
            foreach (var line in item.Lines) text.AppendLine($"  {line.Label}: {line.Amount.Display()}");
            if (item.Discount.Amount > 0) text.AppendLine($"  Discount: -{item.Discount.Display()}");
            text.AppendLine($"  Item total: {item.Total.Display()}");
            if (item.NextRenewalAmount is { } renewal) text.AppendLine($"  Renews every {item.BillingCycle} cycle at {renewal.Display()}");
            text.AppendLine();
        }
        text.AppendLine($"Subtotal: {mail.Subtotal.Display()}");
        if (mail.Discount.Amount > 0) text.AppendLine($"Discount: -{mail.Discount.Display()}");
        text.AppendLine($"Total paid: {mail.Total.Display()}").AppendLine();
        text.AppendLine($"Follow your order: {MailFormat.OrderLink(site, mail.OrderId)}").AppendLine();
        text.AppendLine("The VOZEX team");
        return text.ToString();
    }
}

internal sealed class PaymentFailedTemplate : IMailTemplate<PaymentFailedMail>
{
    public string Subject(PaymentFailedMail mail) => $"The payment for your VOZEX order {mail.OrderNumber} did not go through";

    public string Text(PaymentFailedMail mail, Uri site)
    {
        var text = new StringBuilder();
        text.AppendLine(MailFormat.Greeting(mail.CustomerName)).AppendLine();
        text.AppendLine($"The payment of {mail.Total.Display()} for order {mail.OrderNumber} was declined"
            + (string.IsNullOrWhiteSpace(mail.Reason) ? "." : $": {mail.Reason}."));
        text.AppendLine("Nothing was charged. Your order is kept, and you can try paying again from the order page:").AppendLine();
        text.AppendLine(MailFormat.OrderLink(site, mail.OrderId).ToString()).AppendLine();
        text.AppendLine("In this order:");
        foreach (var name in mail.ProductNames) text.AppendLine($"  {name}");
        text.AppendLine().AppendLine("The VOZEX team");
        return text.ToString();
    }
}

internal sealed class PasswordResetTemplate : IMailTemplate<PasswordResetMail>
{
    public string Subject(PasswordResetMail mail) => "Reset your VOZEX password";

    public string Text(PasswordResetMail mail, Uri site)
    {
        var text = new StringBuilder();
        text.AppendLine(MailFormat.Greeting(mail.CustomerName)).AppendLine();
        text.AppendLine("Someone asked to reset the password of your VOZEX account. To choose a new password, open this link:").AppendLine();
        text.AppendLine(mail.ResetLink.ToString()).AppendLine();
        text.AppendLine($"The link works once, for {MailFormat.Hours(mail.ValidFor)}. If you did not ask for it, ignore this mail: your password stays as it is.").AppendLine();
        text.AppendLine("The VOZEX team");
        return text.ToString();
    }
}

internal sealed class ServiceOrderUpdateTemplate : IMailTemplate<ServiceOrderUpdateMail>
{
    public string Subject(ServiceOrderUpdateMail mail) => $"{mail.ProductName} ({mail.OrderNumber}): {mail.Headline}";

    public string Text(ServiceOrderUpdateMail mail, Uri site)
    {
        var text = new StringBuilder();
        text.AppendLine(MailFormat.Greeting(mail.RecipientName)).AppendLine();
        text.AppendLine($"{mail.Headline}.");
        if (!string.IsNullOrWhiteSpace(mail.Detail)) text.AppendLine().AppendLine(mail.Detail);
        text.AppendLine().AppendLine($"See the order: {new Uri(site, mail.Path.TrimStart('/'))}").AppendLine();
        text.AppendLine("The VOZEX team");
        return text.ToString();
    }
}

internal sealed class TenantCredentialsTemplate : IMailTemplate<TenantCredentialsMail>
{
    public static string Days(TimeSpan span) => span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : MailFormat.Hours(span);

    public string Subject(TenantCredentialsMail mail) => $"Your {mail.ProductName} is ready";

    public string Text(TenantCredentialsMail mail, Uri site)
    {
        var text = new StringBuilder();
        text.AppendLine(MailFormat.Greeting(mail.To.Name ?? "")).AppendLine();
        text.AppendLine($"Your {mail.ProductName} is ready at {mail.Domain}. Sign in to its admin with:").AppendLine();
        text.AppendLine($"  Admin:              {mail.AdminUrl}");
        text.AppendLine($"  Username:           {mail.Username}");
        text.AppendLine($"  Temporary password: {mail.TemporaryPassword}");
        text.AppendLine($"  Tenant id:          {mail.TenantId}").AppendLine();
        text.AppendLine("You will choose your own password when you first sign in. Until then, and for at most "
            + $"{Days(mail.ShownInDashboardFor)}, these details are also in your VOZEX dashboard, which can open the admin for you.").AppendLine();
        text.AppendLine("The VOZEX team");
        return text.ToString();
    }
}

internal sealed class LicenseIssuedTemplate : IMailTemplate<LicenseIssuedMail>
{
    public string Subject(LicenseIssuedMail mail) => $"Your {mail.ProductName} license key (order {mail.OrderNumber})";

    public string Text(LicenseIssuedMail mail, Uri site)
    {
        var text = new StringBuilder();
        text.AppendLine(MailFormat.Greeting(mail.CustomerName)).AppendLine();
        text.AppendLine($"Your {mail.ProductName} license ({mail.LicenseTypeName}) is ready. Your license key:").AppendLine();
        text.AppendLine($"    {mail.LicenseKey}").AppendLine();
        text.AppendLine(mail.UpdatesUntil is { } until ? $"Updates are included until {MailFormat.Date(until)}." : "Updates are included for the lifetime of the product.");
        if (mail.DownloadPath is not null)
        {
            text.AppendLine().AppendLine($"Download {mail.DownloadFileName}:").AppendLine(MailFormat.SiteLink(site, mail.DownloadPath).ToString());
            text.AppendLine($"The link works {mail.MaxDownloads} times until {MailFormat.Date(mail.DownloadExpiresAt!.Value)}; your account makes new ones whenever you need them.");
        }
        text.AppendLine().AppendLine($"Your licenses, machines and the signed license file: {MailFormat.SiteLink(site, "/account/licenses")}").AppendLine();
        text.AppendLine("Keep the key private: anyone who has it can activate your seats.").AppendLine();
        text.AppendLine("The VOZEX team");
        return text.ToString();
    }
}
