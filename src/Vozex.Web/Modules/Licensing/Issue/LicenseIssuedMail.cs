namespace Vozex.Web.Modules.Licensing.Issue;

/// <summary>What the customer is mailed when a license is issued: the key and the first download link (both secrets).</summary>
internal sealed record LicenseIssuedMessage(
    string ToEmail,
    Guid LicenseId,
    string OrderNumber,
    string ProductName,
    string LicenseTypeName,
    string LicenseKey,
    DateTimeOffset? UpdatesUntil,
    string? DownloadUrl,
    DateTimeOffset? DownloadExpiresAt,
    int? MaxDownloads);

/// <summary>
/// THE MAIL SEAM of issue 6. Called by the driver inside the worker's unit of work, so an implementation must only add
/// rows to the scoped <c>MarketplaceDbContext</c> (a mail outbox row) and never send anything itself: the mail then
/// goes out if and only if the license commits. Until the Notifications module's <c>IMailOutbox</c> is on main, the
/// registered implementation only records that a mail is due (see <see cref="PendingLicenseMail"/>).
/// </summary>
internal interface ILicenseIssuedMail
{
    void Enqueue(LicenseIssuedMessage message);
}

/// <summary>Stand-in until the mail outbox lands: logs that a license mail is due, never the key or the link.</summary>
internal sealed partial class PendingLicenseMail(ILogger<PendingLicenseMail> logger) : ILicenseIssuedMail
{
    public void Enqueue(LicenseIssuedMessage message) => LogDue(logger, message.LicenseId, message.OrderNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "License {LicenseId} of order {OrderNumber} issued; its mail waits for the Notifications outbox")]
    private static partial void LogDue(ILogger logger, Guid licenseId, string orderNumber);
}
