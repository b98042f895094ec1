using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vozex.Web.Modules.Licensing.Domain;

/// <summary>
/// What a signed license file vouches for. <see cref="ToCanonicalJson"/> is the exact text that is signed: keys in
/// ordinal order, no whitespace, features sorted, instants as UTC to the second with a Z. The file carries this text
/// verbatim as a JSON string, so a verifier checks the signature over those bytes and never has to re-canonicalize.
/// </summary>
internal sealed record LicenseDocument(
    Guid Id,
    string Product,
    string LicenseType,
    IReadOnlyList<string> Features,
    int MaxActivations,
    DateTimeOffset? UpdatesUntil,
    DateTimeOffset IssuedAt)
{
    public const string Format = "vozex-license-1";

    public string ToCanonicalJson()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            json.WriteStartObject();
            json.WriteStartArray("features");
            foreach (var feature in Features.Order(StringComparer.Ordinal)) json.WriteStringValue(feature);
            json.WriteEndArray();
            json.WriteString("format", Format);
            json.WriteString("id", Id.ToString("D"));
            json.WriteString("issued_at", Instant(IssuedAt));
            json.WriteString("license_type", LicenseType);
            json.WriteNumber("max_activations", MaxActivations);
            json.WriteString("product", Product);
            if (UpdatesUntil is { } until) json.WriteString("updates_until", Instant(until));
            else json.WriteNull("updates_until");
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
