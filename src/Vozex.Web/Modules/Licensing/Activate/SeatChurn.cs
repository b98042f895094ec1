using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Activate;

/// <summary>
/// Caps seat changes (activations plus deactivations) of one license per window, so a seat cannot be passed from machine
/// to machine without end. Counted by one conditional UPDATE on the license row, which every node shares: a fleet allows
/// the configured number, not that number per node. Seat changes are rare, so the extra write costs nothing that matters.
/// </summary>
internal sealed class SeatChurn(MarketplaceDbContext db, IOptions<LicensingOptions> options, TimeProvider time)
{
    /// <summary>Null when the change is allowed (and counted), else how long until the window ends.</summary>
    public async Task<TimeSpan?> TryChangeAsync(Guid licenseId, CancellationToken cancellationToken)
    {
        var window = options.Value.ActivationChurnWindow;
        var limit = options.Value.ActivationChangesPerLicense;
        var now = time.GetUtcNow();
        var lapsed = now - window;
        DateTimeOffset? restart = now;
        // The WHERE holds the limit: racing changes on any node cannot count past it. A lapsed window restarts at 1.
        var counted = await db.Set<License>()
            .Where(l => l.Id == licenseId && (l.ChurnWindowStartedAt == null || l.ChurnWindowStartedAt <= lapsed || l.ChurnCount < limit))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.ChurnCount, l => l.ChurnWindowStartedAt == null || l.ChurnWindowStartedAt <= lapsed ? 1 : l.ChurnCount + 1)
                .SetProperty(l => l.ChurnWindowStartedAt, l => l.ChurnWindowStartedAt == null || l.ChurnWindowStartedAt <= lapsed ? restart : l.ChurnWindowStartedAt),
                cancellationToken);
        if (counted == 1) return null;
        var started = await db.Set<License>().AsNoTracking().Where(l => l.Id == licenseId).Select(l => l.ChurnWindowStartedAt).FirstOrDefaultAsync(cancellationToken);
        var wait = (started ?? now) + window - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }
}
