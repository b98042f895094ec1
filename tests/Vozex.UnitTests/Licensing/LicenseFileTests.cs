using System.Text.Json;
using NSec.Cryptography;
using Vendor.Licensing;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Issue;

namespace Vozex.UnitTests.Licensing;

public sealed class LicenseFileTests : IDisposable
{
    private static readonly LicenseDocument Document = new(
        Guid.Parse("0193a4b2-7c1d-7e3f-9a10-5b6c7d8e9f01"), "sentinelscan", "standard",
        ["updates_lifetime", "standard", "support_priority"], 3, null, new DateTimeOffset(2026, 11, 29, 7, 30, 15, 123, TimeSpan.FromHours(2)));

    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    private string PublicKey => Convert.ToBase64String(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Canonical_json_orders_keys_sorts_features_has_no_whitespace_and_writes_utc_seconds()
    {
        Assert.Equal(
            "{\"features\":[\"standard\",\"support_priority\",\"updates_lifetime\"],\"format\":\"vozex-license-1\","
            + "\"id\":\"0193a4b2-7c1d-7e3f-9a10-5b6c7d8e9f01\",\"issued_at\":\"2026-11-29T05:30:15Z\",\"license_type\":\"standard\","
            + "\"max_activations\":3,\"product\":\"sentinelscan\",\"updates_until\":null}",
            Document.ToCanonicalJson());
        var dated = Document with { UpdatesUntil = new DateTimeOffset(2027, 11, 29, 5, 30, 15, TimeSpan.Zero) };
        Assert.Contains("\"updates_until\":\"2027-11-29T05:30:15Z\"}", dated.ToCanonicalJson());
        Assert.Equal(Document.ToCanonicalJson(), (Document with { Features = ["support_priority", "updates_lifetime", "standard"] }).ToCanonicalJson());
    }

    [Fact]
    public void A_signed_file_verifies_with_the_vendor_routine_and_yields_the_license()
    {
        var json = Serialize(LicenseFiles.Sign(_key, "test", Document));
        var license = VozexLicenseVerifier.Verify(json, PublicKey, "sentinelscan");
        Assert.NotNull(license);
        Assert.Equal(Document.Id, license.Id);
        Assert.Equal(3, license.MaxActivations);
        Assert.Null(license.UpdatesUntil);
        Assert.True(license.HasFeature("support_priority"));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 5, 30, 15, TimeSpan.Zero), license.IssuedAt);
    }

    [Fact]
    public void A_tampered_license_text_fails_verification()
    {
        var file = LicenseFiles.Sign(_key, "test", Document);
        var tampered = file with { License = file.License.Replace("\"max_activations\":3", "\"max_activations\":300") };
        Assert.Null(VozexLicenseVerifier.Verify(Serialize(tampered), PublicKey, "sentinelscan"));
    }

    [Fact]
    public void A_tampered_signature_a_wrong_key_or_another_product_fails_verification()
    {
        var file = LicenseFiles.Sign(_key, "test", Document);
        var signature = Convert.FromBase64String(file.Signature);
        signature[10] ^= 1;
        Assert.Null(VozexLicenseVerifier.Verify(Serialize(file with { Signature = Convert.ToBase64String(signature) }), PublicKey, "sentinelscan"));

        using var other = Key.Create(SignatureAlgorithm.Ed25519);
        var otherPublic = Convert.ToBase64String(other.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        Assert.Null(VozexLicenseVerifier.Verify(Serialize(file), otherPublic, "sentinelscan"));
        Assert.Null(VozexLicenseVerifier.Verify(Serialize(file), PublicKey, "another-product"));
        Assert.Null(VozexLicenseVerifier.Verify("{not json", PublicKey, "sentinelscan"));
        Assert.Null(VozexLicenseVerifier.Verify(Serialize(file with { Signature = "AAAA" }), PublicKey, "sentinelscan"));
    }

    [Fact]
    public void The_documented_verification_routine_is_this_tested_file_word_for_word()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Vozex.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var doc = File.ReadAllText(Path.Combine(root.FullName, "docs", "license-verification.md"));
        var code = File.ReadAllText(Path.Combine(root.FullName, "tests", "Vozex.UnitTests", "Licensing", "VozexLicenseVerifier.cs"));
        Assert.Contains("```csharp\n" + code.ReplaceLineEndings("\n") + "```", doc.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Key_ids_are_sixteen_hex_characters_of_the_public_key_hash()
    {
        var raw = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        Assert.Matches("^[0-9a-f]{16}$", SigningKeyStore.KeyIdOf(raw));
    }

    private static string Serialize(LicenseFile file) =>
        JsonSerializer.Serialize(file, Vozex.Web.Modules.Licensing.Dashboard.LicenseFileJson.Options);
}
