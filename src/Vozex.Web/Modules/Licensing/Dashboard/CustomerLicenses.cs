using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Licensing.Activate;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Downloads;
using Vozex.Web.Modules.Licensing.Issue;
using Vozex.Web.Modules.Licensing.Validate;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Licensing.Dashboard;

internal abstract record NewLinkOutcome
{
    public sealed record Created(DownloadLinkCreated Link) : NewLinkOutcome;
    public sealed record NoSuchLicense : NewLinkOutcome;
    public sealed record NotActive(string Status) : NewLinkOutcome;
    public sealed record NoSuchFile : NewLinkOutcome;
}

/// <summary>A customer's own licenses, for the dashboard API and page alike; another customer's license is simply not found.</summary>
internal sealed class CustomerLicenses(
    MarketplaceDbContext db, LicenseKeyProtector keys, ReleaseFiles releases, DownloadLinks links, Seats seats, TimeProvider time)
{
    /// <summary>The product's releases as this license sees them, newest first; null when the license is not the customer's.</summary>
    public async Task<IReadOnlyList<LicenseReleaseView>?> ReleasesAsync(Guid customerId, Guid id, CancellationToken cancellationToken)
    {
        var license = await db.Set<License>().AsNoTracking().Where(l => l.Id == id && l.CustomerId == customerId)
            .Select(l => new { l.ProductId, l.UpdatesUntil }).FirstOrDefaultAsync(cancellationToken);
        return license is null ? null : ReleaseFiles.Views(await releases.ForProductAsync(license.ProductId, cancellationToken), license.UpdatesUntil);
    }

    /// <summary>
    /// The releases each of the customer's licenses sees, for a page of licenses in two queries (licenses, then each
    /// distinct product once) rather than two per license.
    /// </summary>
    public async Task<Dictionary<Guid, IReadOnlyList<LicenseReleaseView>>> ReleasesAsync(Guid customerId, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var licenses = await db.Set<License>().AsNoTracking().Where(l => ids.Contains(l.Id) && l.CustomerId == customerId)
            .Select(l => new { l.Id, l.ProductId, l.UpdatesUntil }).ToListAsync(cancellationToken);
        var productIds = licenses.Select(l => l.ProductId).Distinct().ToList();
        var options = await db.Set<Product>().AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Options }).ToDictionaryAsync(p => p.Id, p => p.Options.Releases ?? [], cancellationToken);
        return licenses.ToDictionary(l => l.Id, l => ReleaseFiles.Views(options.GetValueOrDefault(l.ProductId) ?? [], l.UpdatesUntil));
    }

    /// <summary>Frees one machine's seat: null when the license is not the customer's, false when it has no such machine.</summary>
    public async Task<bool?> DeactivateAsync(Guid customerId, Guid id, Guid activationId, CancellationToken cancellationToken)
    {
        if (!await db.Set<License>().AsNoTracking().AnyAsync(l => l.Id == id && l.CustomerId == customerId, cancellationToken)) return null;
        return await seats.FreeAsync(id, q => q.Where(a => a.Id == activationId), cancellationToken);
    }

    public async Task<Paged<CustomerLicenseView>> ListAsync(Guid customerId, int page, int size, CancellationToken cancellationToken)
    {
        var mine = db.Set<License>().AsNoTracking().Where(l => l.CustomerId == customerId);
        var total = await mine.CountAsync(cancellationToken);
        var rows = await mine.OrderByDescending(l => l.IssuedAt).Skip((page - 1) * size).Take(size).Select(Row).ToListAsync(cancellationToken);
        return new Paged<CustomerLicenseView>(await ViewsAsync(rows, cancellationToken), page, size, total);
    }

    public async Task<CustomerLicenseView?> FindAsync(Guid customerId, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Set<License>().AsNoTracking().Where(l => l.Id == id && l.CustomerId == customerId).Select(Row).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (await ViewsAsync([row], cancellationToken))[0];
    }

    public async Task<NewLinkOutcome> NewLinkAsync(Guid customerId, Guid id, string? version, string? fileName, Uri origin, CancellationToken cancellationToken)
    {
        var license = await db.Set<License>().AsNoTracking().Where(l => l.Id == id && l.CustomerId == customerId)
            .Select(l => new { l.Id, l.ProductId, l.UpdatesUntil, l.Status, l.ExpiresAt }).FirstOrDefaultAsync(cancellationToken);
        if (license is null) return new NewLinkOutcome.NoSuchLicense();
        if (License.StatusCode(license.Status, license.ExpiresAt, time.GetUtcNow()) != ValidationCodes.Valid)
            return new NewLinkOutcome.NotActive(LicenseStatusNames.Name(license.Status));
        var all = await releases.ForProductAsync(license.ProductId, cancellationToken);
        if (ReleaseFiles.Pick(all, license.UpdatesUntil, version, fileName) is not var (release, file)) return new NewLinkOutcome.NoSuchFile();
        var (_, created) = links.Add(license.Id, release, file, origin);
        await db.SaveChangesAsync(cancellationToken);
        return new NewLinkOutcome.Created(created);
    }

    private sealed record LicenseRow(Guid Id, string KeyProtected, string ProductName, string ProductSlug, string LicenseType, string LicenseTypeName,
        string SupportPlan, DateTimeOffset SupportUntil, string Updates, DateTimeOffset? UpdatesUntil, LicenseStatus Status, int MaxActivations,
        int Activations, Guid OrderId, string OrderNumber, DateTimeOffset IssuedAt);

    private static readonly System.Linq.Expressions.Expression<Func<License, LicenseRow>> Row = l => new LicenseRow(l.Id, l.KeyProtected,
        l.ProductName, l.ProductSlug, l.LicenseType, l.LicenseTypeName, l.SupportPlan, l.SupportUntil, l.Updates, l.UpdatesUntil, l.Status,
        l.MaxActivations, l.ActivationCount, l.OrderId, l.OrderNumber, l.IssuedAt);

    private async Task<List<CustomerLicenseView>> ViewsAsync(IReadOnlyList<LicenseRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var machines = (await db.Set<Activation>().AsNoTracking().Where(a => ids.Contains(a.LicenseId))
                .Select(a => new { a.LicenseId, View = new MachineView(a.Id, a.Fingerprint, a.Name, a.ActivatedAt) })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.LicenseId, m => m.View);
        return rows.Select(r => new CustomerLicenseView(r.Id, keys.Unprotect(r.KeyProtected), r.ProductName, r.ProductSlug, r.LicenseType,
            r.LicenseTypeName, r.SupportPlan, r.SupportUntil, r.Updates, r.UpdatesUntil, LicenseStatusNames.Name(r.Status), r.MaxActivations,
            r.Activations, machines[r.Id].OrderBy(m => m.ActivatedAt).ToList(), r.OrderId, r.OrderNumber, r.IssuedAt)).ToList();
    }
}
