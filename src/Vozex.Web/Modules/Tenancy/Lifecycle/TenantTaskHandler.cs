using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Modules.Tenancy.Sites;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Tenancy.Lifecycle;

/// <summary>
/// Runs <see cref="TenantTask"/>s. Both kinds act on the tenant database first (idempotently) and then record the outcome in
/// the runner's unit of work, so a crash in between is finished by the retry: settings are rewritten from the record,
/// a dropped database is dropped again (<c>IF EXISTS</c>) and only then marked deleted.
/// </summary>
internal sealed partial class TenantTaskHandler(
    MarketplaceDbContext db,
    TenantDatabases databases,
    IAuditLog audit,
    TenantSites sites,
    AfterCommit afterCommit,
    TimeProvider time,
    ILogger<TenantTaskHandler> logger) : ILeasedWorkHandler<TenantTask>
{

    public async Task HandleAsync(TenantTask work, CancellationToken cancellationToken)
    {
        var tenant = await db.Set<Tenant>().FirstOrDefaultAsync(t => t.Id == work.TenantId, cancellationToken);
        if (tenant is null) return;
        switch (work.Kind)
        {
            case TenantTaskKind.ApplySettings:
                await ApplySettingsAsync(tenant, cancellationToken);
                break;
            case TenantTaskKind.DeleteDatabase:
                await DeleteAsync(tenant, cancellationToken);
                break;
        }
    }

    private async Task ApplySettingsAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        // A cancelled tenant's database is on its way out; nobody reads its settings again.
        if (tenant.Status is TenantStatus.Cancelled or TenantStatus.Deleted) return;
        var planFeatures = await db.Set<Product>().AsNoTracking().Where(p => p.Slug == tenant.ProductSlug).Select(p => p.Options).FirstOrDefaultAsync(cancellationToken)
            is { PricingPlans: { } plans } ? plans.FirstOrDefault(p => p.Id == tenant.Plan)?.Features ?? [] : [];
        await using var tenantDb = databases.Open(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName), pooling: false);
        await TenantSettingKeys.UpsertAsync(tenantDb,
            TenantSettingKeys.PlanValues(tenant.Plan, tenant.PlanName, planFeatures, tenant.Features, tenant.Limits), cancellationToken);
        await tenantDb.SaveChangesAsync(cancellationToken);
    }

    private async Task DeleteAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        if (tenant.Status != TenantStatus.Cancelled) return; // already deleted by an earlier run (or never cancelled)
        var now = time.GetUtcNow();
        if (tenant.DeleteAfter > now)
            throw new InvalidOperationException($"Tenant {tenant.Slug} is not due for deletion before {tenant.DeleteAfter:O}.");
        await databases.DropAsync(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName), cancellationToken);
        tenant.TryChange(TenantStatus.Deleted, now);
        db.RemoveRange(await db.Set<TenantCredential>().Where(c => c.TenantId == tenant.Id).ToListAsync(cancellationToken));
        audit.Record(AuditActors.System, "tenant.delete", "tenant", tenant.Id.ToString(), new
        {
            slug = tenant.Slug,
            database_server = tenant.DatabaseServer,
            database_name = tenant.DatabaseName,
            cancelled_at = tenant.CancelledAt,
        });
        afterCommit.Add(() => sites.Invalidate(tenant.Slug));
        LogDeleted(logger, tenant.Id, tenant.Slug, tenant.DatabaseServer ?? "sqlite");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the database of cancelled tenant {TenantId} ({Slug}) on {Server}")]
    private static partial void LogDeleted(ILogger logger, Guid tenantId, string slug, string server);
}
