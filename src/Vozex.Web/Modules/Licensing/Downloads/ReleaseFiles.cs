using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Downloads;

/// <summary>A release as a license holder sees it: whether their updates cover it, and its files (never their storage paths).</summary>
public sealed record LicenseReleaseView(string Version, string Notes, DateOnly ReleasedOn, bool Downloadable, IReadOnlyList<LicenseReleaseFileView> Files);

public sealed record LicenseReleaseFileView(string FileName, long Size, string Sha256);

/// <summary>Reads a product's releases from the catalog and applies the updates rule of SPEC §7.2.</summary>
internal sealed class ReleaseFiles(MarketplaceDbContext db)
{
    public async Task<IReadOnlyList<Release>> ForProductAsync(long productId, CancellationToken cancellationToken)
    {
        var options = await db.Set<Product>().AsNoTracking().Where(p => p.Id == productId).Select(p => p.Options).FirstOrDefaultAsync(cancellationToken);
        return options?.Releases ?? [];
    }

    /// <summary>Newest first.</summary>
    public static IReadOnlyList<LicenseReleaseView> Views(IReadOnlyList<Release> releases, DateTimeOffset? updatesUntil) =>
        releases.OrderByDescending(r => r.ReleasedOn)
            .Select(r => new LicenseReleaseView(r.Version, r.Notes, r.ReleasedOn, UpdatesPolicy.Covers(updatesUntil, r.ReleasedOn),
                r.Files.Select(f => new LicenseReleaseFileView(f.FileName, f.Size, f.Sha256)).ToList()))
            .ToList();

    /// <summary>
    /// The file a link should serve: the named one if the license covers its release, else the first file of the newest
    /// covered release when nothing is named. Null when there is no such file.
    /// </summary>
    public static (Release Release, ReleaseFile File)? Pick(IReadOnlyList<Release> releases, DateTimeOffset? updatesUntil, string? version, string? fileName)
    {
        var covered = releases.Where(r => UpdatesPolicy.Covers(updatesUntil, r.ReleasedOn)).OrderByDescending(r => r.ReleasedOn);
        foreach (var release in covered)
        {
            if (version is not null && release.Version != version) continue;
            var file = fileName is null ? release.Files.FirstOrDefault() : release.Files.FirstOrDefault(f => f.FileName == fileName);
            if (file is not null) return (release, file);
            if (version is not null) return null;
        }
        return null;
    }
}
