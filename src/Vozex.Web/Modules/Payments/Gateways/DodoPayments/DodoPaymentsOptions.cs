using System.ComponentModel.DataAnnotations;

namespace Vozex.Web.Modules.Payments.Gateways.DodoPayments;

/// <summary>Bound to "Vozex:Payments:DodoPayments". Offered at checkout only when the API key and webhook secret are both set.</summary>
public sealed class DodoPaymentsOptions : GatewayHttpOptions, IValidatableObject
{
    public const string Section = "Vozex:Payments:DodoPayments";

    /// <summary>Test mode by default; live is https://live.dodopayments.com.</summary>
    public string BaseUrl { get; set; } = "https://test.dodopayments.com";

    public string? ApiKey { get; set; }

    /// <summary>The endpoint's <c>whsec_</c> secret; during a rotation, several separated by spaces (each is tried).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Checkout sessions need a billing country; the customer can change it on Dodo's page.</summary>
    [RegularExpression("^[A-Z]{2}$")]
    public string DefaultBillingCountry { get; set; } = "US";

    /// <summary>Tax category of the products VOZEX creates in Dodo.</summary>
    public string TaxCategory { get; set; } = "saas";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(WebhookSecret);

    public IReadOnlyList<string> WebhookSecrets =>
        (WebhookSecret ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsHttpUrl(BaseUrl))
            yield return new ValidationResult($"{Section}:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        if (string.IsNullOrWhiteSpace(ApiKey) != string.IsNullOrWhiteSpace(WebhookSecret))
            yield return new ValidationResult($"Set both {Section}:ApiKey and {Section}:WebhookSecret, or neither.", [nameof(ApiKey), nameof(WebhookSecret)]);
        foreach (var secret in WebhookSecrets)
        {
            var ok = true;
            try { Webhooks.StandardWebhookVerifier.DecodeSecret(secret); }
            catch (FormatException) { ok = false; }
            if (!ok) yield return new ValidationResult($"{Section}:WebhookSecret must be whsec_ followed by base64.", [nameof(WebhookSecret)]);
        }
    }
}
