using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Tenancy.Lifecycle;

/// <summary>
/// Drops tenant databases no tenant record points at (ADR 9: a provisioning that finally failed leaves its clone behind).
/// A database is dropped only once this node has seen it without a record for <see cref="TenancyOptions.OrphanDatabaseAge"/>
/// (a day), far longer than a provisioning's retries, so a clone whose record is about to commit is never taken; it is
/// checked again right before the drop. Dropping is idempotent, so any number of nodes may sweep. If an administrator
/// retries the failed record later, the driver simply clones again.
/// </summary>
internal sealed partial class OrphanDatabaseSweeper(
    IServiceScopeFactory scopes,
    TenantDatabases databases,
    IOptions<TenancyOptions> options,
    TimeProvider time,
    ILogger<OrphanDatabaseSweeper> logger) : PeriodicSweeper(time, logger)
{
    private readonly ConcurrentDictionary<TenantDatabaseLocation, DateTimeOffset> _firstSeen = new();

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var existing = await databases.ListAsync(cancellationToken);
        var orphans = await WithoutRecordAsync(existing, cancellationToken);
        foreach (var gone in _firstSeen.Keys.Where(k => !orphans.Contains(k))) _firstSeen.TryRemove(gone, out _);
        var due = new List<TenantDatabaseLocation>();
        foreach (var orphan in orphans)
            if (now - _firstSeen.GetOrAdd(orphan, now) >= options.Value.OrphanDatabaseAge) due.Add(orphan);
        if (due.Count == 0) return 0;
        // A record may have committed since the listing: check once more, right before dropping.
        var dropped = 0;
        foreach (var orphan in await WithoutRecordAsync(due, cancellationToken))
        {
            await databases.DropAsync(orphan, cancellationToken);
            _firstSeen.TryRemove(orphan, out _);
            LogDropped(logger, orphan.Name, orphan.Server ?? "sqlite");
            dropped++;
        }
        return dropped;
    }

    private async Task<HashSet<TenantDatabaseLocation>> WithoutRecordAsync(IReadOnlyCollection<TenantDatabaseLocation> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0) return [];
        var names = candidates.Select(c => c.Name).Distinct().ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var recorded = (await db.Set<Tenant>().AsNoTracking().Where(t => names.Contains(t.DatabaseName))
                .Select(t => new { t.DatabaseServer, t.DatabaseName }).ToListAsync(cancellationToken))
            .Select(t => new TenantDatabaseLocation(t.DatabaseServer, t.DatabaseName)).ToHashSet();
        return candidates.Where(c => !recorded.Contains(c)).ToHashSet();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped orphan tenant database {Database} on {Server}: no tenant record pointed at it")]
    private static partial void LogDropped(ILogger logger, string database, string server);
}
