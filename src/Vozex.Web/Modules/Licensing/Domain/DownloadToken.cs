using System.Security.Cryptography;
using System.Text;

namespace Vozex.Web.Modules.Licensing.Domain;

/// <summary>A download token: 256 random bits, URL-safe; the database keeps only its SHA-256.</summary>
internal static class DownloadToken
{
    public static string Generate() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Null for anything that cannot be a token, so junk never reaches the database.</summary>
    public static string? TryHash(string? token)
    {
        if (token is null || token.Length != 43) return null;
        foreach (var c in token)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
