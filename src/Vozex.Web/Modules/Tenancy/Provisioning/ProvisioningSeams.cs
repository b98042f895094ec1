namespace Vozex.Web.Modules.Tenancy.Provisioning;

/// <summary>What the credentials mail says (SPEC §7.1). Holds the temporary password: never log or serialize it.</summary>
internal sealed record TenantCredentialsMail(
    Guid TenantId, Guid CustomerId, string CustomerEmail, string ProductName, string Domain, string AdminUrl, string Username, string TemporaryPassword)
{
    public override string ToString() => $"TenantCredentialsMail {{ TenantId = {TenantId}, Domain = {Domain} }}";
}

/// <summary>
/// SEAM for the Notifications module: queue the credentials mail in the caller's unit of work (the driver's), so it is
/// sent if and only if the tenant commits. Until Notifications' mail outbox exists, <see cref="UnsentCredentialsMailer"/>
/// records that no mail went out; the customer reads the credentials in the dashboard meanwhile.
/// </summary>
internal interface ITenantCredentialsMailer
{
    Task QueueAsync(TenantCredentialsMail mail, CancellationToken cancellationToken);
}

internal sealed partial class UnsentCredentialsMailer(ILogger<UnsentCredentialsMailer> logger) : ITenantCredentialsMailer
{
    public Task QueueAsync(TenantCredentialsMail mail, CancellationToken cancellationToken)
    {
        LogNoMailer(logger, mail.TenantId, mail.Domain);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No mail outbox is registered: the credentials of tenant {TenantId} ({Domain}) were not mailed; they are in the customer's dashboard")]
    private static partial void LogNoMailer(ILogger logger, Guid tenantId, string domain);
}

/// <summary>The steps of provisioning, in order. Observed by <see cref="IProvisioningObserver"/>.</summary>
internal enum ProvisioningStep
{
    Placed,
    TemplateReady,
    DatabaseCloned,
    TenantConfigured,
    Recorded,
}

/// <summary>
/// Told after each provisioning step. Production registers none; tests register one that throws after a chosen step
/// to prove a re-run after a failure at that point finishes the tenant.
/// </summary>
internal interface IProvisioningObserver
{
    Task AfterStepAsync(ProvisioningStep step, string slug, CancellationToken cancellationToken);
}
