using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Files;

/// <summary>A stored release file opened for reading.</summary>
internal sealed record StoredFile(Stream Content, long Length, DateTimeOffset LastModified);

/// <summary>
/// Where release archives live. Paths are the catalog's <c>storage_path</c> values (relative, forward slashes); the
/// local store keeps them under the data directory, and another store (S3-compatible) can take its place by configuration.
/// </summary>
internal interface IReleaseFileStore
{
    /// <summary>Null when the file is missing.</summary>
    Task<StoredFile?> OpenAsync(string storagePath, CancellationToken cancellationToken);
}

internal sealed class LocalReleaseFileStore(DataPaths paths) : IReleaseFileStore
{
    public Task<StoredFile?> OpenAsync(string storagePath, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(paths.Root);
        var full = Path.GetFullPath(paths.Combine(storagePath));
        // Storage paths come from catalog data an administrator edits; never let one climb out of the data directory.
        if (!full.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || !File.Exists(full))
            return Task.FromResult<StoredFile?>(null);
        var info = new FileInfo(full);
        Stream stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult<StoredFile?>(new StoredFile(stream, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero)));
    }
}
