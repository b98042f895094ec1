using System.Security.Cryptography;
using System.Text;

namespace Vozex.Web.Modules.Payments.Webhooks;

public enum WebhookVerdict
{
    Valid,
    MissingHeaders,
    BadTimestamp,
    StaleTimestamp,
    BadSignature,
}

/// <summary>
/// Standard Webhooks verification (reference/payment-gateways.md §2.1), used for Dodo Payments and the sandbox.
/// Written here rather than taken from the StandardWebhooks 1.1.2 package because that package never checks
/// the last signature of a multi-signature header (so Dodo secret rotation would fail) and hard-codes the
/// clock, which tests need to move.
/// </summary>
public sealed class StandardWebhookVerifier
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);
    private readonly byte[][] _keys;

    /// <param name="secrets">One or more <c>whsec_</c> secrets; several during a rotation.</param>
    public StandardWebhookVerifier(params string[] secrets)
    {
        _keys = secrets.Where(s => !string.IsNullOrWhiteSpace(s)).Select(DecodeSecret).ToArray();
        if (_keys.Length == 0) throw new ArgumentException("At least one webhook secret is required.", nameof(secrets));
    }

    public static byte[] DecodeSecret(string secret) =>
        Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);

    public WebhookVerdict Verify(string? id, string? timestamp, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
            return WebhookVerdict.MissingHeaders;
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return WebhookVerdict.BadTimestamp;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds)
            return WebhookVerdict.StaleTimestamp;

        foreach (var key in _keys)
        {
            var expected = Encoding.ASCII.GetBytes(Sign(key, id, timestamp, body));
            foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var comma = entry.IndexOf(',', StringComparison.Ordinal);
                if (comma < 0 || !entry.AsSpan(0, comma).SequenceEqual("v1")) continue;
                if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(entry[(comma + 1)..])))
                    return WebhookVerdict.Valid;
            }
        }
        return WebhookVerdict.BadSignature;
    }

    /// <summary>The base64 HMAC-SHA256 of <c>id.timestamp.body</c> (without the <c>v1,</c> prefix).</summary>
    public static string Sign(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    public static string SignatureHeader(string secret, string id, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Sign(DecodeSecret(secret), id, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), body);
}
