using System.Security.Cryptography;
using System.Text;

namespace Vozex.Web.Modules.Licensing.Domain;

/// <summary>
/// A license key: <c>VZX-</c> and six groups of five Crockford base-32 characters. 28 characters are random
/// (140 bits from the OS CSPRNG); the last two are a checksum, so a mistyped key is rejected before any look-up.
/// Crockford's alphabet has no I, L, O or U, and reading forgives the look-alikes (O → 0, I/L → 1) and any case,
/// spaces or dashes, because people copy keys out of mails and PDFs.
/// </summary>
internal static class LicenseKey
{
    public const string Prefix = "VZX";
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int RandomChars = 28;
    private const int CheckChars = 2;
    private const int GroupSize = 5;

    public static int RandomBits => RandomChars * 5;

    public static string Generate()
    {
        Span<char> body = stackalloc char[RandomChars + CheckChars];
        for (var i = 0; i < RandomChars; i++)
            body[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        WriteChecksum(body[..RandomChars], body[RandomChars..]);
        return Format(body);
    }

    /// <summary>The canonical key (upper case, grouped), or null when it is not a well-formed key with a valid checksum.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 80) return null;
        Span<char> chars = stackalloc char[80];
        var n = 0;
        foreach (var raw in input)
        {
            if (raw is '-' or ' ' or '\t') continue;
            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            chars[n++] = c;
        }
        var all = chars[..n];
        if (!all.StartsWith(Prefix) || all.Length != Prefix.Length + RandomChars + CheckChars) return null;
        var body = all[Prefix.Length..];
        foreach (var c in body)
            if (Alphabet.IndexOf(c) < 0) return null;
        Span<char> expected = stackalloc char[CheckChars];
        WriteChecksum(body[..RandomChars], expected);
        return body[RandomChars..].SequenceEqual(expected) ? Format(body) : null;
    }

    /// <summary>
    /// The look-up hash stored instead of the key. A fast hash is enough: with 140 random bits there is nothing
    /// to brute-force, so a slow password hash would only slow every validation down.
    /// </summary>
    public static string Hash(string normalizedKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalizedKey)));

    /// <summary>Hash of a key as typed, or null when it is not a key at all.</summary>
    public static string? TryHash(string? input) => Normalize(input) is { } key ? Hash(key) : null;

    private static void WriteChecksum(ReadOnlySpan<char> random, Span<char> destination)
    {
        Span<byte> ascii = stackalloc byte[Prefix.Length + RandomChars];
        Encoding.ASCII.GetBytes(Prefix, ascii);
        Encoding.ASCII.GetBytes(random, ascii[Prefix.Length..]);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(ascii, digest);
        var bits = (digest[0] << 8) | digest[1];
        destination[0] = Alphabet[(bits >> 11) & 31];
        destination[1] = Alphabet[(bits >> 6) & 31];
    }

    private static string Format(ReadOnlySpan<char> body)
    {
        var sb = new StringBuilder(Prefix, Prefix.Length + body.Length + body.Length / GroupSize + 1);
        for (var i = 0; i < body.Length; i += GroupSize)
            sb.Append('-').Append(body.Slice(i, GroupSize));
        return sb.ToString();
    }
}
