// VOZEX license file verification. Copy this file into your product; it needs the NSec.Cryptography package
// (dotnet add package NSec.Cryptography). Embed the public key from GET /api/v1/licenses/public-key as a constant.
using System.Globalization;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace Vendor.Licensing;

/// <summary>The facts a valid VOZEX license file vouches for.</summary>
public sealed record VerifiedLicense(
    Guid Id,
    string Product,
    string LicenseType,
    IReadOnlyList<string> Features,
    int MaxActivations,
    DateTimeOffset? UpdatesUntil,
    DateTimeOffset IssuedAt)
{
    /// <summary>True when the license covers a release published on <paramref name="releasedOn"/>.</summary>
    public bool CoversRelease(DateOnly releasedOn) =>
        UpdatesUntil is not { } until || releasedOn <= DateOnly.FromDateTime(until.UtcDateTime);

    public bool HasFeature(string feature) => Features.Contains(feature, StringComparer.Ordinal);
}

public static class VozexLicenseVerifier
{
    /// <summary>
    /// Checks the file's Ed25519 signature with the marketplace's public key (base64 of the raw 32 bytes) and that it
    /// was issued for <paramref name="expectedProduct"/> (your product's slug). Returns null for anything that is not a
    /// genuine, untampered license for this product. Works offline.
    /// </summary>
    public static VerifiedLicense? Verify(string licenseFileJson, string publicKeyBase64, string expectedProduct)
    {
        try
        {
            using var file = JsonDocument.Parse(licenseFileJson);
            var root = file.RootElement;
            if (root.GetProperty("format").GetString() != "vozex-license-1"
                || root.GetProperty("algorithm").GetString() != "Ed25519")
                return null;

            // The signature covers the exact UTF-8 bytes of the "license" string; parse that text only after it verified.
            var licenseText = root.GetProperty("license").GetString() ?? "";
            var signature = Convert.FromBase64String(root.GetProperty("signature").GetString() ?? "");
            var algorithm = SignatureAlgorithm.Ed25519;
            var publicKey = PublicKey.Import(algorithm, Convert.FromBase64String(publicKeyBase64), KeyBlobFormat.RawPublicKey);
            if (!algorithm.Verify(publicKey, Encoding.UTF8.GetBytes(licenseText), signature))
                return null;

            using var license = JsonDocument.Parse(licenseText);
            var l = license.RootElement;
            if (l.GetProperty("format").GetString() != "vozex-license-1"
                || l.GetProperty("product").GetString() != expectedProduct)
                return null;
            var updates = l.GetProperty("updates_until");
            return new VerifiedLicense(
                Guid.Parse(l.GetProperty("id").GetString()!),
                l.GetProperty("product").GetString()!,
                l.GetProperty("license_type").GetString()!,
                l.GetProperty("features").EnumerateArray().Select(f => f.GetString()!).ToList(),
                l.GetProperty("max_activations").GetInt32(),
                updates.ValueKind == JsonValueKind.Null ? null : Instant(updates.GetString()!),
                Instant(l.GetProperty("issued_at").GetString()!));
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
