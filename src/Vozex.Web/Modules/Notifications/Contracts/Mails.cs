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
