using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Catalog.Seed;

/// <summary>
/// Writes small but real release archives for the demo catalog (a README and a payload inside a
/// .zip or .tar.gz) and records their size and SHA-256, so downloads can be verified end to end.
/// </summary>
internal sealed class ReleaseFileGenerator(DataPaths paths)
{
    private static readonly DateTimeOffset FixedTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Release Generate(string slug, DemoRelease release)
    {
        var files = release.FileNames.Select(name => Write(slug, release, name)).ToList();
        return new Release(release.Version, release.Notes, release.ReleasedOn, files);
    }

    private ReleaseFile Write(string slug, DemoRelease release, string fileName)
    {
        var relative = $"releases/{slug}/{release.Version}/{fileName}";
        var path = paths.Combine(relative);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            using (var output = File.Create(temp))
                WriteArchive(output, fileName, Readme(slug, release, fileName), Payload(slug + release.Version + fileName));
            File.Move(temp, path, overwrite: true);
        }
        using var stream = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new ReleaseFile(fileName, stream.Length, hash, relative);
    }

    private static void WriteArchive(Stream output, string fileName, byte[] readme, byte[] payload)
    {
        if (fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = new ZipArchive(output, ZipArchiveMode.Create);
            AddZip(zip, "README.txt", readme);
            AddZip(zip, "bin/payload.bin", payload);
            return;
        }
        using var gzip = new GZipStream(output, CompressionLevel.Optimal);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        AddTar(tar, "README.txt", readme);
        AddTar(tar, "bin/payload.bin", payload);
    }

    private static void AddZip(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = FixedTime;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static void AddTar(TarWriter tar, string name, byte[] content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { ModificationTime = FixedTime, DataStream = new MemoryStream(content) };
        tar.WriteEntry(entry);
    }

    private static byte[] Readme(string slug, DemoRelease release, string fileName) => Encoding.UTF8.GetBytes(
        $"{slug} {release.Version}\n{fileName}\nReleased {release.ReleasedOn:yyyy-MM-dd}\n\n{release.Notes}\n\nActivate with your VOZEX license key.\n");

    /// <summary>Deterministic pseudo-random bytes, so every machine seeds identical files.</summary>
    private static byte[] Payload(string seed)
    {
        var bytes = new byte[48 * 1024];
        var block = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        for (var offset = 0; offset < bytes.Length; offset += block.Length)
        {
            block = SHA256.HashData(block);
            block.AsSpan(0, Math.Min(block.Length, bytes.Length - offset)).CopyTo(bytes.AsSpan(offset));
        }
        return bytes;
    }
}
