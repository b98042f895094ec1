using System.Security.Cryptography;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Platform.Files;

public sealed record StoredFile(string StoragePath, long Size, string Sha256);

/// <summary>
/// Where uploaded and generated files live. Paths are opaque keys chosen by the store (never by a user), so no
/// request can name a file outside it. Local folder under the data directory by default.
/// </summary>
public interface IFileStore
{
    Task<StoredFile> SaveAsync(string area, Stream content, CancellationToken cancellationToken);

    /// <summary>Null when the file is gone.</summary>
    Stream? OpenRead(string storagePath);
}

internal sealed class LocalFileStore(DataPaths paths) : IFileStore
{
    private string Root => Path.Combine(paths.Root, "files");

    public async Task<StoredFile> SaveAsync(string area, Stream content, CancellationToken cancellationToken)
    {
        if (area.Any(c => !char.IsAsciiLetterLower(c) && c != '-')) throw new ArgumentException("Areas are lower-case words.", nameof(area));
        var key = $"{area}/{DateTime.UtcNow:yyyy/MM}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        var path = Resolve(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                size += read;
            }
        }
        return new StoredFile(key, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public Stream? OpenRead(string storagePath)
    {
        var path = Resolve(storagePath);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    private string Resolve(string key)
    {
        var full = Path.GetFullPath(Path.Combine(Root, key));
        if (!full.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException("Not a key of this store.", nameof(key));
        return full;
    }
}
