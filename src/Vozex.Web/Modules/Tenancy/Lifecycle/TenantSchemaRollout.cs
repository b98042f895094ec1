using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Tenancy.Lifecycle;

/// <summary>
/// Rolls new tenant migrations out to every existing tenant database: at start and every
/// <see cref="TenancyOptions.SchemaUpgradeInterval"/>, the tenants whose recorded schema version is not this build's newest
/// tenant migration are migrated, <see cref="TenancyOptions.SchemaUpgradeParallelism"/> at a time, and their new version
/// recorded. Each migration is idempotent and EF Core holds a migration lock in the tenant database while it runs, so nodes
/// sweeping at the same time wait for each other instead of colliding; a failed database is logged and retried next sweep.
/// Cancelled tenants are skipped: their database is only kept for the grace period.
/// </summary>
internal sealed partial class TenantSchemaRollout(
    IServiceScopeFactory scopes,
    TenantDatabases databases,
    IOptions<TenancyOptions> options,
    TimeProvider time,
    ILogger<TenantSchemaRollout> logger) : PeriodicSweeper(time, logger)
{
    protected override TimeSpan Interval => options.Value.SchemaUpgradeInterval;

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var latest = databases.LatestMigration;
        List<(Guid Id, string Slug, TenantDatabaseLocation Location)> behind;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var rows = await db.Set<Tenant>().AsNoTracking()
                .Where(t => (t.Status == TenantStatus.Active || t.Status == TenantStatus.Suspended) && (t.SchemaVersion == null || t.SchemaVersion != latest))
                .OrderBy(t => t.CreatedAt)
                .Select(t => new { t.Id, t.Slug, t.DatabaseServer, t.DatabaseName })
                .ToListAsync(cancellationToken);
            behind = rows.Select(r => (r.Id, r.Slug, new TenantDatabaseLocation(r.DatabaseServer, r.DatabaseName))).ToList();
        }
        if (behind.Count == 0) return 0;
        LogRolloutStarting(logger, behind.Count, latest);
        var upgraded = 0;
        await Parallel.ForEachAsync(behind,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.SchemaUpgradeParallelism, CancellationToken = cancellationToken },
            async (tenant, ct) =>
            {
                try
                {
                    var version = await databases.MigrateAsync(tenant.Location, ct);
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
                    await db.Set<Tenant>().Where(t => t.Id == tenant.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.SchemaVersion, version), ct);
                    Interlocked.Increment(ref upgraded);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogUpgradeFailed(logger, ex, tenant.Id, tenant.Slug);
                }
            });
        LogRolloutDone(logger, upgraded, behind.Count, latest);
        return upgraded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrating {Count} tenant databases to {Migration}")]
    private static partial void LogRolloutStarting(ILogger logger, int count, string migration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated {Upgraded} of {Count} tenant databases to {Migration}")]
    private static partial void LogRolloutDone(ILogger logger, int upgraded, int count, string migration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migrating the database of tenant {TenantId} ({Slug}) failed; the next sweep retries")]
    private static partial void LogUpgradeFailed(ILogger logger, Exception exception, Guid tenantId, string slug);
}
