using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Activate;

internal abstract record SeatOutcome
{
    public sealed record Taken(Activation Activation, bool New) : SeatOutcome;
    public sealed record NoSeatLeft : SeatOutcome;
}

/// <summary>
/// Takes and frees seats. A seat is taken by one conditional UPDATE (<c>activation_count &lt; max_activations</c> in the
/// WHERE), so activations racing for the last seat cannot both win; the activation row commits in the same transaction.
/// </summary>
internal sealed class Seats(MarketplaceDbContext db, TimeProvider time)
{
    public Task<Activation?> FindAsync(Guid licenseId, string fingerprint, CancellationToken cancellationToken) =>
        db.Set<Activation>().AsNoTracking().FirstOrDefaultAsync(a => a.LicenseId == licenseId && a.Fingerprint == fingerprint, cancellationToken);

    public async Task<SeatOutcome> TakeAsync(Guid licenseId, string fingerprint, string? name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var taken = await db.Set<License>()
                .Where(l => l.Id == licenseId && l.Status == LicenseStatus.Active && l.ActivationCount < l.MaxActivations)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ActivationCount, l => l.ActivationCount + 1), cancellationToken);
            if (taken == 0) return new SeatOutcome.NoSeatLeft();
            var activation = new Activation { Id = Guid.CreateVersion7(now), LicenseId = licenseId, Fingerprint = fingerprint, Name = name, ActivatedAt = now };
            db.Add(activation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new SeatOutcome.Taken(activation, New: true);
            }
            catch (DbUpdateException)
            {
                // The same machine activated concurrently: its row is there, and this seat is handed back by the rollback.
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }
        }
        var winner = await FindAsync(licenseId, fingerprint, cancellationToken)
            ?? throw new InvalidOperationException("An activation conflicted with one that cannot be found.");
        return new SeatOutcome.Taken(winner, New: false);
    }

    /// <summary>Frees the seat of one machine; false when it held none.</summary>
    public async Task<bool> FreeAsync(Guid licenseId, Func<IQueryable<Activation>, IQueryable<Activation>> which, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await which(db.Set<Activation>().Where(a => a.LicenseId == licenseId)).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0) return false;
        await db.Set<License>().Where(l => l.Id == licenseId && l.ActivationCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ActivationCount, l => l.ActivationCount - removed), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
