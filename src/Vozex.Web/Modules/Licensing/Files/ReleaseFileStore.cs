using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Files;

namespace Vozex.Web.Modules.Licensing.Files;

/// <summary>
/// Where release archives live. Paths are the catalog's <c>storage_path</c> values (relative, forward slashes): keys of the
/// app's <see cref="IFileStore"/> (local folder or S3-compatible bucket, by <c>Vozex:Files:Store</c>) for uploaded
/// releases, or, for files the demo seed writes, paths under the data directory.
/// </summary>
internal interface IReleaseFileStore
{
    /// <summary>Null when the file is missing.</summary>
    Task<OpenedFile?> OpenAsync(string storagePath, CancellationToken cancellationToken);

    /// <summary>Stores an archive and describes it for a catalog release (its storage path is the store's key).</summary>
    Task<ReleaseFile> UploadAsync(string fileName, Stream content, CancellationToken cancellationToken);
}

internal sealed class ReleaseFileStore(IFileStore files, DataPaths paths) : IReleaseFileStore
{
    public const string Area = "releases";

    public async Task<OpenedFile?> OpenAsync(string storagePath, CancellationToken cancellationToken) =>
        await files.OpenAsync(storagePath, cancellationToken) ?? OpenSeeded(storagePath);

    public async Task<ReleaseFile> UploadAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        var stored = await files.SaveAsync(Area, content, cancellationToken);
        return new ReleaseFile(fileName, stored.Size, stored.Sha256, stored.StoragePath);
    }

    private OpenedFile? OpenSeeded(string storagePath)
    {
        var root = Path.GetFullPath(paths.Root);
        var full = Path.GetFullPath(paths.Combine(storagePath));
        // Storage paths come from catalog data an administrator edits; never let one climb out of the data directory.
        if (!full.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || !File.Exists(full))
            return null;
        var info = new FileInfo(full);
        Stream stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return new OpenedFile(stream, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
    }
}
