using System.Text.RegularExpressions;
using Vozex.Web.Modules.Licensing.Domain;

namespace Vozex.UnitTests.Licensing;

public sealed partial class LicenseKeyTests
{
    [GeneratedRegex("^VZX(-[0-9A-HJKMNP-TV-Z]{5}){6}$")]
    private static partial Regex Grouped();

    [Fact]
    public void Keys_are_six_groups_of_five_Crockford_characters_after_VZX_with_at_least_120_random_bits()
    {
        var key = LicenseKey.Generate();
        Assert.Matches(Grouped(), key);
        Assert.True(LicenseKey.RandomBits >= 120);
    }

    [Fact]
    public void Generated_keys_are_distinct_and_each_passes_its_own_checksum()
    {
        var keys = Enumerable.Range(0, 2000).Select(_ => LicenseKey.Generate()).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.Equal(k, LicenseKey.Normalize(k)));
    }

    [Fact]
    public void Reading_a_key_forgives_case_spacing_missing_dashes_and_look_alike_letters()
    {
        var key = LicenseKey.Generate();
        var sloppy = key.Replace("-", " ").ToLowerInvariant().Replace('0', 'o').Replace('1', 'l');
        Assert.Equal(key, LicenseKey.Normalize(sloppy));
        Assert.Equal(key, LicenseKey.Normalize(key.Replace("-", "")));
        Assert.Equal(LicenseKey.Hash(key), LicenseKey.TryHash(sloppy));
    }

    [Fact]
    public void The_checksum_rejects_almost_every_single_character_typo()
    {
        // A fixed key, so the count is the same on every run: 30 positions × 31 substitutions.
        const string key = "VZX-7K2QH-M9XWA-3TRDC-8NPVG-B4YZE-6J1AA";
        var valid = WithChecksum(key);
        Assert.NotNull(LicenseKey.Normalize(valid));
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var body = valid.Replace("-", "")[3..];
        int tried = 0, accepted = 0;
        for (var i = 0; i < body.Length; i++)
            foreach (var c in alphabet.Where(c => c != body[i]))
            {
                tried++;
                var typo = "VZX" + body[..i] + c + body[(i + 1)..];
                if (LicenseKey.Normalize(typo) is not null) accepted++;
            }
        Assert.Equal(930, tried);
        Assert.True(accepted <= 5, $"{accepted} of {tried} typos passed the checksum");
    }

    [Fact]
    public void Junk_and_keys_of_the_wrong_length_or_prefix_are_not_keys()
    {
        var key = LicenseKey.Generate();
        Assert.Null(LicenseKey.Normalize(null));
        Assert.Null(LicenseKey.Normalize(""));
        Assert.Null(LicenseKey.Normalize("not a key"));
        Assert.Null(LicenseKey.Normalize(key[..^1]));
        Assert.Null(LicenseKey.Normalize(key + "A"));
        Assert.Null(LicenseKey.Normalize("ABC" + key[3..]));
        Assert.Null(LicenseKey.Normalize(key.Replace('-', 'U'))); // U is not in the alphabet
        Assert.Null(LicenseKey.TryHash("VZX-" + new string('A', 500)));
    }

    [Fact]
    public void The_stored_hash_is_sha256_hex_of_the_canonical_key_and_differs_per_key()
    {
        var a = LicenseKey.Generate();
        var b = LicenseKey.Generate();
        Assert.Matches("^[0-9a-f]{64}$", LicenseKey.Hash(a));
        Assert.NotEqual(LicenseKey.Hash(a), LicenseKey.Hash(b));
        Assert.DoesNotContain(a.Replace("-", ""), LicenseKey.Hash(a), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Download_tokens_carry_256_bits_and_only_well_formed_tokens_are_hashed()
    {
        var token = DownloadToken.Generate();
        Assert.Equal(43, token.Length); // 32 bytes, base64url without padding
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Matches("^[0-9a-f]{64}$", DownloadToken.TryHash(token)!);
        Assert.NotEqual(DownloadToken.Generate(), token);
        Assert.Null(DownloadToken.TryHash("short"));
        Assert.Null(DownloadToken.TryHash(token[..42] + "!"));
        Assert.Null(DownloadToken.TryHash(null));
    }

    /// <summary>Recomputes the last two characters of a hand-written key so it carries a valid checksum.</summary>
    private static string WithChecksum(string draft)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var stem = draft[..^2];
        foreach (var a in alphabet)
            foreach (var b in alphabet)
                if (LicenseKey.Normalize(stem + a + b) is { } valid) return valid;
        throw new InvalidOperationException("No checksum fits.");
    }
}
