namespace Vozex.Web.Modules.Tenancy.Provisioning;

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
