using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Notifications.Contracts;

/// <summary>
/// A receipt for a charge a subscription made by itself (a renewal, a prorated upgrade): the order it was recorded as,
/// its lines, and the period it pays for.
/// </summary>
public sealed record SubscriptionReceiptMail(
    MailRecipient To,
    string ProductName,
    string? Domain,
    string Headline,
    Guid OrderId,
    string OrderNumber,
    IReadOnlyList<MailPriceLine> Lines,
    Money Total,
    DateTimeOffset PeriodEnd,
    Money NextRenewalAmount,
    DateTimeOffset PaidAt) : IMail;

/// <summary>
/// A notice about a subscription: <paramref name="Topic"/> is one of renewal_reminder, renewal_failed, suspended,
/// resumed, cancellation_scheduled, cancelled, change_scheduled. <paramref name="Amount"/> and <paramref name="At"/>
/// are what the notice is about (the amount due and when), when it is about one.
/// </summary>
public sealed record SubscriptionNoticeMail(
    MailRecipient To,
    string Topic,
    string ProductName,
    string? Domain,
    string Headline,
    string Detail,
    Money? Amount,
    DateTimeOffset? At,
    string Path) : IMail;
