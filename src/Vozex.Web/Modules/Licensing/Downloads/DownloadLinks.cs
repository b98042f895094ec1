using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Downloads;

/// <summary>A link as handed to its owner; the only time the token exists outside the request that uses it.</summary>
public sealed record DownloadLinkCreated(string Url, DateTimeOffset ExpiresAt, int MaxDownloads, string Version, string FileName, long Size, string Sha256);

/// <summary>Makes download links in the caller's unit of work.</summary>
internal sealed class DownloadLinks(MarketplaceDbContext db, IOptions<LicensingOptions> options, TimeProvider time)
{
    public const string PathPrefix = "/download/";

    /// <param name="origin">Scheme and host the URL starts with (the request's); mail resolves the path against the site's address.</param>
    public (string Path, DownloadLinkCreated Link) Add(Guid licenseId, Release release, ReleaseFile file, Uri origin)
    {
        var now = time.GetUtcNow();
        var token = DownloadToken.Generate();
        var link = new DownloadLink
        {
            LicenseId = licenseId,
            TokenHash = DownloadToken.TryHash(token)!,
            ReleaseVersion = release.Version,
            FileName = file.FileName,
            StoragePath = file.StoragePath,
            Size = file.Size,
            Sha256 = file.Sha256,
            CreatedAt = now,
            ExpiresAt = now + options.Value.DownloadLinkLifetime,
            MaxDownloads = options.Value.MaxDownloadsPerLink,
        };
        db.Add(link);
        var path = PathPrefix + token;
        return (path, new DownloadLinkCreated(new Uri(origin, path).ToString(), link.ExpiresAt, link.MaxDownloads, release.Version, file.FileName, file.Size, file.Sha256));
    }
}
