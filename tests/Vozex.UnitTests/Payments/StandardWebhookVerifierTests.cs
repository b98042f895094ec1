using System.Text;
using Vozex.Web.Modules.Payments.Webhooks;

namespace Vozex.UnitTests.Payments;

/// <summary>Vectors from reference/payment-gateways.md §2.2.</summary>
public sealed class StandardWebhookVerifierTests
{
    private const string ReferenceSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Vector1Secret = "whsec_dm96ZXgtdGVzdC1zZWNyZXQtMjRieXRl";
    private const string Vector1Body = """{"business_id":"bus_test_123","type":"payment.succeeded","timestamp":"2026-01-01T00:00:00Z","data":{"payload_type":"Payment","payment_id":"pay_test_0001","status":"succeeded","total_amount":4999,"currency":"USD","metadata":{"order_id":"ord_0001"}}}""";
    private const string Vector2Secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX";
    private const string Vector2OldSecret = "whsec_YW4tb2xkLXJvdGF0ZWQtc2VjcmV0LTI0";
    private const string Vector2Body = """{"business_id":"bus_test_123","type":"subscription.renewed","timestamp":"2026-01-01T01:00:00Z","data":{"payload_type":"Subscription","subscription_id":"sub_test_0002","status":"active","recurring_pre_tax_amount":1500,"currency":"EUR","customer":{"customer_id":"cus_test_0002","email":"zoe@example.com","name":"Zoë Müller"}}}""";
    private const string Vector2Signature = "v1,4O/bqXTyH9BRczATLci/gDBTZ1q1Qfpn7Ld+d7lAbTE=";
    private const string Vector2OldSignature = "v1,tAnei38eRp04rrlsTllZMBz7RcSWeuWecUpHjFA13yY=";
    private static readonly DateTimeOffset Vector2Time = DateTimeOffset.FromUnixTimeSeconds(1767229200);

    [Fact]
    public void Signs_the_official_reference_vector() =>
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            StandardWebhookVerifier.SignatureHeader(ReferenceSecret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"u8));

    [Fact]
    public void Signs_vector_1() =>
        Assert.Equal("v1,d3m6RVlcmQDsvmpV0it5PdIT4S0yojKf6288xx4q2D0=",
            StandardWebhookVerifier.SignatureHeader(Vector1Secret, "msg_vozex_test_0001", 1767225600, Encoding.UTF8.GetBytes(Vector1Body)));

    [Fact]
    public void Signs_vector_2_over_utf8_bytes()
    {
        var body = Encoding.UTF8.GetBytes(Vector2Body);
        Assert.Equal(326, body.Length);
        Assert.Equal(Vector2Signature, StandardWebhookVerifier.SignatureHeader(Vector2Secret, "wh_2026_0002", 1767229200, body));
        Assert.Equal(Vector2OldSignature, StandardWebhookVerifier.SignatureHeader(Vector2OldSecret, "wh_2026_0002", 1767229200, body));
    }

    [Theory]
    [InlineData(Vector2Signature)]
    [InlineData(Vector2OldSignature + " " + Vector2Signature)]
    [InlineData(Vector2Signature + " " + Vector2OldSignature)]
    [InlineData(Vector2OldSignature + " " + Vector2OldSignature + " " + Vector2Signature)]
    public void Any_matching_signature_in_the_header_verifies_wherever_it_stands(string header) =>
        Assert.Equal(WebhookVerdict.Valid, Verify(new StandardWebhookVerifier(Vector2Secret), header, Vector2Time));

    [Fact]
    public void Only_the_old_signature_fails_with_the_new_secret() =>
        Assert.Equal(WebhookVerdict.BadSignature, Verify(new StandardWebhookVerifier(Vector2Secret), Vector2OldSignature, Vector2Time));

    [Fact]
    public void During_rotation_both_secrets_are_accepted() =>
        Assert.Equal(WebhookVerdict.Valid, Verify(new StandardWebhookVerifier(Vector2Secret, Vector2OldSecret), Vector2OldSignature, Vector2Time));

    [Theory]
    [InlineData(299, WebhookVerdict.Valid)]
    [InlineData(-299, WebhookVerdict.Valid)]
    [InlineData(301, WebhookVerdict.StaleTimestamp)]
    [InlineData(-301, WebhookVerdict.StaleTimestamp)]
    public void Timestamp_tolerance_is_300_seconds_both_ways(int skewSeconds, WebhookVerdict expected) =>
        Assert.Equal(expected, Verify(new StandardWebhookVerifier(Vector2Secret), Vector2Signature, Vector2Time.AddSeconds(skewSeconds)));

    [Fact]
    public void A_changed_body_byte_fails()
    {
        var body = Encoding.UTF8.GetBytes(Vector2Body.Replace("1500", "1501", StringComparison.Ordinal));
        Assert.Equal(WebhookVerdict.BadSignature,
            new StandardWebhookVerifier(Vector2Secret).Verify("wh_2026_0002", "1767229200", Vector2Signature, body, Vector2Time));
    }

    [Theory]
    [InlineData(null, "1767229200", Vector2Signature, WebhookVerdict.MissingHeaders)]
    [InlineData("wh_2026_0002", "", Vector2Signature, WebhookVerdict.MissingHeaders)]
    [InlineData("wh_2026_0002", "1767229200", null, WebhookVerdict.MissingHeaders)]
    [InlineData("wh_2026_0002", "soon", Vector2Signature, WebhookVerdict.BadTimestamp)]
    [InlineData("wh_2026_0002", "1767229200", "v1a,4O/bqXTyH9BRczATLci/gDBTZ1q1Qfpn7Ld+d7lAbTE=", WebhookVerdict.BadSignature)]
    [InlineData("wh_2026_0002", "1767229200", "4O/bqXTyH9BRczATLci/gDBTZ1q1Qfpn7Ld+d7lAbTE=", WebhookVerdict.BadSignature)]
    [InlineData("wh_other", "1767229200", Vector2Signature, WebhookVerdict.BadSignature)]
    public void Missing_or_malformed_headers_are_refused(string? id, string? timestamp, string? signature, WebhookVerdict expected) =>
        Assert.Equal(expected, new StandardWebhookVerifier(Vector2Secret).Verify(id, timestamp, signature, Encoding.UTF8.GetBytes(Vector2Body), Vector2Time));

    private static WebhookVerdict Verify(StandardWebhookVerifier verifier, string header, DateTimeOffset now) =>
        verifier.Verify("wh_2026_0002", "1767229200", header, Encoding.UTF8.GetBytes(Vector2Body), now);
}
