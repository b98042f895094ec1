using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Files;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Files;

namespace Vozex.Web.Modules.Licensing.Downloads;

/// <summary>
/// <c>GET /download/{token}</c>. A request for the whole file (or a range from byte 0) is a new download and is counted
/// by one conditional UPDATE whose WHERE holds the limit, the expiry and the revocation, so however many requests race,
/// at most <c>max_downloads</c> of them are let through. A range that starts later resumes a download already counted
/// and is served while the link is live, even after its last count was used.
/// </summary>
internal static partial class DownloadEndpoint
{
    public static async Task<IResult> Handle(
        string token, HttpContext http, MarketplaceDbContext db, IReleaseFileStore files, TimeProvider time, ILogger<DownloadLinks> logger,
        CancellationToken cancellationToken)
    {
        if (DownloadToken.TryHash(token) is not { } hash) return Unknown(http);
        var now = time.GetUtcNow();
        var link = await db.Set<DownloadLink>().AsNoTracking().Where(d => d.TokenHash == hash)
            .Select(d => new
            {
                d.Id, d.ExpiresAt, d.RevokedAt, d.Downloads, d.MaxDownloads, d.FileName, d.StoragePath, d.Sha256, d.ReleaseVersion,
                LicenseStatus = db.Set<License>().Where(l => l.Id == d.LicenseId).Select(l => l.Status).First(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (link is null) return Unknown(http);
        if (link.RevokedAt is not null || link.LicenseStatus != LicenseStatus.Active)
            return Gone(http, "This download link was withdrawn because its license is no longer active.");
        if (link.ExpiresAt <= now)
            return Gone(http, "This download link has expired. Create a new one from your licenses in your account.");

        // Opened before counting, so a file missing from the store never costs the customer a download.
        OpenedFile? stored;
        try
        {
            stored = await files.OpenAsync(link.StoragePath, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A remote store that cannot be reached is the same to the customer as a missing file: try later, nothing counted.
            LogStoreFailed(logger, e, link.Id, link.ReleaseVersion);
            stored = null;
        }
        if (stored is null)
        {
            LogMissing(logger, link.Id, link.ReleaseVersion);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "File unavailable",
                detail: "The file of this release cannot be read right now. Try again later.");
        }
        if (!ResumesCountedDownload(http.Request, link.Downloads))
        {
            var counted = await db.Set<DownloadLink>()
                .Where(d => d.Id == link.Id && d.Downloads < d.MaxDownloads && d.ExpiresAt > now && d.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Downloads, d => d.Downloads + 1), cancellationToken);
            if (counted == 0)
            {
                await stored.Content.DisposeAsync();
                return Gone(http, $"This download link has been used {link.MaxDownloads} times, its limit. Create a new one from your licenses in your account.");
            }
            LogCounted(logger, link.Id, link.ReleaseVersion);
        }
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(stored.Content, "application/octet-stream", link.FileName, stored.LastModified,
            new EntityTagHeaderValue($"\"{link.Sha256}\""), enableRangeProcessing: true);
    }

    /// <summary>
    /// A single range starting after byte 0 continues a download already counted. A first request of a link cannot
    /// resume anything, so it counts whatever its range.
    /// </summary>
    internal static bool ResumesCountedDownload(HttpRequest request, int downloadsSoFar)
    {
        if (downloadsSoFar == 0) return false;
        var range = request.Headers.Range.ToString();
        if (string.IsNullOrEmpty(range) || !RangeHeaderValue.TryParse(range, out var parsed) || parsed.Ranges.Count != 1
            || !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase))
            return false;
        var only = parsed.Ranges.First();
        return only.From is null or > 0;
    }

    private static IResult Unknown(HttpContext http) =>
        Refuse(http, StatusCodes.Status404NotFound, "Not Found", "There is no download link at this address.");

    private static IResult Gone(HttpContext http, string detail) =>
        Refuse(http, StatusCodes.Status410Gone, "Link no longer valid", detail);

    /// <summary>
    /// A person who opened the link in a browser reads one plain sentence saying why; programs (download managers,
    /// scripts, the API's clients) get the problem document.
    /// </summary>
    private static IResult Refuse(HttpContext http, int status, string title, string detail) =>
        WantsPage(http.Request)
            ? TypedResults.Text(detail + "\n", "text/plain; charset=utf-8", statusCode: status)
            : TypedResults.Problem(statusCode: status, title: title, detail: detail);

    internal static bool WantsPage(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || a.MediaType.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Download link {LinkId} counted a download of release {Version}")]
    private static partial void LogCounted(ILogger logger, long linkId, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Download link {LinkId}: the file store failed to open the file of release {Version}")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, long linkId, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Download link {LinkId}: the file of release {Version} is missing from the store")]
    private static partial void LogMissing(ILogger logger, long linkId, string version);
}
