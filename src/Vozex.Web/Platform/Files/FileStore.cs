using System.Security.Cryptography;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Platform.Files;

public sealed record StoredFile(string StoragePath, long Size, string Sha256);

/// <summary>
/// A stored file opened for reading. <see cref="Content"/> is seekable with a known length whatever the store, so
/// <c>TypedResults.File(..., enableRangeProcessing: true)</c> can answer Range requests without reading what it skips.
/// </summary>
public sealed record OpenedFile(Stream Content, long Length, DateTimeOffset LastModified);

/// <summary>
/// Where uploaded and generated files live. Paths are opaque keys chosen by the store (never by a user), so no
/// request can name a file outside it. Local folder under the data directory by default; an S3-compatible bucket
/// with <c>Vozex:Files:Store = s3</c> (<see cref="FileStoreOptions"/>).
/// </summary>
public interface IFileStore
{
    Task<StoredFile> SaveAsync(string area, Stream content, CancellationToken cancellationToken);

    /// <summary>Null when the file is gone (or the path is not a key of this store).</summary>
    Task<OpenedFile?> OpenAsync(string storagePath, CancellationToken cancellationToken);

    /// <summary>False when there was nothing to delete.</summary>
    Task<bool> DeleteAsync(string storagePath, CancellationToken cancellationToken);
}

/// <summary>Rules every store shares, so a key means the same thing locally and in a bucket.</summary>
internal static class FileKeys
{
    public static string New(string area, DateTime utcNow)
    {
        if (area.Length == 0 || area.Any(c => !char.IsAsciiLetterLower(c) && c != '-'))
            throw new ArgumentException("Areas are lower-case words.", nameof(area));
        return $"{area}/{utcNow:yyyy/MM}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
    }

    /// <summary>Copies while hashing, so a store never reads what it saved a second time to learn its size and SHA-256.</summary>
    public static async Task<(long Size, string Sha256)> CopyHashingAsync(Stream content, Stream target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            size += read;
        }
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}

internal sealed class LocalFileStore(DataPaths paths) : IFileStore
{
    private string Root => Path.Combine(paths.Root, "files");

    public async Task<StoredFile> SaveAsync(string area, Stream content, CancellationToken cancellationToken)
    {
        var key = FileKeys.New(area, DateTime.UtcNow);
        var path = Resolve(key) ?? throw new InvalidOperationException("A new key left the store.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        (long Size, string Sha256) written;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            written = await FileKeys.CopyHashingAsync(content, file, cancellationToken);
        return new StoredFile(key, written.Size, written.Sha256);
    }

    public Task<OpenedFile?> OpenAsync(string storagePath, CancellationToken cancellationToken)
    {
        if (Resolve(storagePath) is not { } path || !File.Exists(path)) return Task.FromResult<OpenedFile?>(null);
        var info = new FileInfo(path);
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult<OpenedFile?>(new OpenedFile(stream, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero)));
    }

    public Task<bool> DeleteAsync(string storagePath, CancellationToken cancellationToken)
    {
        if (Resolve(storagePath) is not { } path || !File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    /// <summary>Null for a path that would leave the store's folder.</summary>
    private string? Resolve(string key)
    {
        if (string.IsNullOrEmpty(key)) return null;
        var full = Path.GetFullPath(Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar)));
        return full.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
