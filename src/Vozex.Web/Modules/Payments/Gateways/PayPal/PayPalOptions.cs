using System.ComponentModel.DataAnnotations;

namespace Vozex.Web.Modules.Payments.Gateways.PayPal;

/// <summary>Bound to "Vozex:Payments:PayPal". Offered at checkout only when client id, secret and webhook id are all set.</summary>
public sealed class PayPalOptions : GatewayHttpOptions, IValidatableObject
{
    public const string Section = "Vozex:Payments:PayPal";

    /// <summary>The sandbox REST API by default; live is https://api-m.paypal.com.</summary>
    public string BaseUrl { get; set; } = "https://api-m.sandbox.paypal.com";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The id PayPal gave our webhook listener; verification postbacks name it.</summary>
    public string? WebhookId { get; set; }

    /// <summary>Shown on PayPal's pages.</summary>
    public string BrandName { get; set; } = "VOZEX";

    /// <summary>
    /// A checkout of one SaaS item alone is paid through a PayPal subscription (a plan per price, the buyer approves the
    /// subscription, PayPal bills each period); off, it is a one-time order like any other cart (ADR 0015).
    /// </summary>
    public bool Subscriptions { get; set; } = true;

    /// <summary>Failed charges in a row after which PayPal suspends a subscription (the plan's payment_failure_threshold).</summary>
    [Range(1, 999)]
    public int PaymentFailureThreshold { get; set; } = 3;

    /// <summary>A cached token is replaced this long before PayPal says it expires.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(WebhookId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsHttpUrl(BaseUrl))
            yield return new ValidationResult($"{Section}:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        var set = new[] { ClientId, ClientSecret, WebhookId }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (set is not (0 or 3))
            yield return new ValidationResult($"Set all of {Section}:ClientId, ClientSecret and WebhookId, or none.", [nameof(ClientId), nameof(ClientSecret), nameof(WebhookId)]);
    }
}
