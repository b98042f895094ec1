using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Notifications.Contracts;

/// <summary>A price line as the customer saw it at checkout.</summary>
public sealed record MailPriceLine(string Label, Money Amount);

/// <summary>One item of an order as a mail shows it.</summary>
public sealed record MailOrderItem(
    string ProductName,
    string ProductType,
    string? Subdomain,
    IReadOnlyList<MailPriceLine> Lines,
    Money Discount,
    Money Total,
    string? BillingCycle,
    Money? NextRenewalAmount);

/// <summary>Sent when an order's payment is applied: what was bought, for how much, and where to follow it.</summary>
public sealed record OrderConfirmationMail(
    MailRecipient To,
    Guid OrderId,
    string OrderNumber,
    string CustomerName,
    IReadOnlyList<MailOrderItem> Items,
    Money Subtotal,
    Money Discount,
    Money Total,
    DateTimeOffset PaidAt) : IMail;

/// <summary>Sent when a gateway declines an order's payment; the order page offers to pay again.</summary>
public sealed record PaymentFailedMail(
    MailRecipient To,
    Guid OrderId,
    string OrderNumber,
    string CustomerName,
    IReadOnlyList<string> ProductNames,
    Money Total,
    string? Reason) : IMail;

/// <summary>A password-reset link. The link is a credential: it is never logged, and the outbox drops it once delivered.</summary>
public sealed record PasswordResetMail(MailRecipient To, string CustomerName, Uri ResetLink, TimeSpan ValidFor) : IMail;

/// <summary>
/// A change on a service order, sent to the party who did not make it (SPEC §7.3 "notify both on assignment and every
/// change"). <paramref name="Path"/> is the recipient's own page for the order (customer or provider portal).
/// </summary>
public sealed record ServiceOrderUpdateMail(
    MailRecipient To,
    string RecipientName,
    string OrderNumber,
    string ProductName,
    string Headline,
    string? Detail,
    string Path) : IMail;

/// <summary>
/// A provisioned SaaS tenant's admin credentials (SPEC §7.1). The temporary password is a secret: the kind is sensitive
/// (the outbox drops the payload once delivered), and <see cref="ToString"/> leaves it out so a stray log line cannot leak it.
/// </summary>
public sealed record TenantCredentialsMail(
    MailRecipient To,
    Guid TenantId,
    string ProductName,
    string Domain,
    Uri AdminUrl,
    string Username,
    string TemporaryPassword,
    TimeSpan ShownInDashboardFor) : IMail
{
    public override string ToString() => $"TenantCredentialsMail {{ TenantId = {TenantId}, Domain = {Domain} }}";
}

/// <summary>
/// Sent when a self-hosted license is issued (SPEC §7.2 "email the key and the first link"). The key and the download
/// link are credentials: the kind is sensitive, so the outbox drops the payload once delivered. <paramref name="DownloadPath"/>
/// is site-relative (<c>/download/{token}</c>), null when the product has no release yet.
/// </summary>
public sealed record LicenseIssuedMail(
    MailRecipient To,
    string CustomerName,
    Guid OrderId,
    string OrderNumber,
    string ProductName,
    string LicenseTypeName,
    string LicenseKey,
    DateTimeOffset? UpdatesUntil,
    string? DownloadPath,
    string? DownloadFileName,
    DateTimeOffset? DownloadExpiresAt,
    int? MaxDownloads) : IMail;
