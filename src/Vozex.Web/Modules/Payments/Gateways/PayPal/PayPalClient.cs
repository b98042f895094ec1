using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Vozex.Web.Modules.Payments.Gateways.PayPal;

/// <summary>A non-2xx answer from PayPal; <see cref="Issue"/> is the first <c>details[].issue</c> (what to branch on).</summary>
internal sealed class PayPalApiException(HttpStatusCode status, string? name, string? issue)
    : Exception($"PayPal answered {(int)status} {name} {issue}")
{
    public HttpStatusCode Status { get; } = status;
    public string? Issue { get; } = issue;
}

/// <summary>
/// OAuth2 client-credentials token, cached until shortly before it expires and shared by all requests; a 401 from the
/// API drops it (see <see cref="PayPalAuthHandler"/>). One fetch at a time, so a burst does not ask PayPal for many tokens.
/// </summary>
internal sealed class PayPalTokenCache(IHttpClientFactory clients, IOptions<PayPalOptions> options, TimeProvider time)
{
    public const string ClientName = "paypal-oauth";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && time.GetUtcNow() < _expiresAt) return cached;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } fresh && time.GetUtcNow() < _expiresAt) return fresh;
            var o = options.Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/oauth2/token")
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.ClientId}:{o.ClientSecret}")));
            request.MarkRetrySafe();
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new PayPalApiException(response.StatusCode, "OAUTH", response.StatusCode == HttpStatusCode.Unauthorized ? "invalid_client" : null);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var token = body.RootElement.GetProperty("access_token").GetString()!;
            var lifetime = TimeSpan.FromSeconds(body.RootElement.GetProperty("expires_in").GetInt64());
            // A short-lived token is used for half its life rather than not at all.
            var margin = lifetime > o.TokenRefreshMargin * 2 ? o.TokenRefreshMargin : lifetime / 2;
            _token = token;
            _expiresAt = time.GetUtcNow() + lifetime - margin;
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets a token PayPal refused, unless another request already replaced it.</summary>
    public void Invalidate(string refused)
    {
        if (_token == refused) _token = null;
    }
}

/// <summary>Adds the bearer token; on a 401 fetches a new token once and resends (PayPal revokes tokens before their stated expiry).</summary>
internal sealed class PayPalAuthHandler(PayPalTokenCache tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        response.Dispose();
        tokens.Invalidate(token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// The PayPal REST calls VOZEX makes (reference/payment-gateways.md §3). Every POST carries a deterministic
/// PayPal-Request-Id, so PayPal answers a resend with the first result: that is what makes them safe to retry.
/// </summary>
internal sealed class PayPalClient(HttpClient http, IOptions<PayPalOptions> options)
{
    public Task<JsonElement> CreateOrderAsync(JsonObject order, string requestId, CancellationToken cancellationToken) =>
        PostAsync("v2/checkout/orders", order.ToJsonString(), requestId, cancellationToken);

    public async Task<JsonElement?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/checkout/orders/{Uri.EscapeDataString(orderId)}");
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync(response, cancellationToken);
    }

    public Task<JsonElement> CaptureAsync(string orderId, CancellationToken cancellationToken) =>
        PostAsync($"v2/checkout/orders/{Uri.EscapeDataString(orderId)}/capture", "{}", $"vozex-capture-{orderId}", cancellationToken);

    public Task<JsonElement> RefundCaptureAsync(string captureId, JsonObject refund, Guid refundId, CancellationToken cancellationToken) =>
        PostAsync($"v2/payments/captures/{Uri.EscapeDataString(captureId)}/refund", refund.ToJsonString(), $"vozex-refund-{refundId:N}", cancellationToken);

    /// <summary>A subscription's charges are v1 sales, not captures: they are refunded through the (deprecated, still served) v1 sale endpoint.</summary>
    public Task<JsonElement> RefundSaleAsync(string saleId, Platform.Money amount, Guid refundId, CancellationToken cancellationToken) =>
        PostAsync($"v1/payments/sale/{Uri.EscapeDataString(saleId)}/refund",
            new JsonObject { ["amount"] = new JsonObject { ["total"] = PayPalAmounts.Format(amount), ["currency"] = amount.Currency } }.ToJsonString(),
            $"vozex-sale-refund-{refundId:N}", cancellationToken);

    public Task<JsonElement> CreateCatalogProductAsync(JsonObject product, string requestId, CancellationToken cancellationToken) =>
        PostAsync("v1/catalogs/products", product.ToJsonString(), requestId, cancellationToken);

    public Task<JsonElement> CreatePlanAsync(JsonObject plan, string requestId, CancellationToken cancellationToken) =>
        PostAsync("v1/billing/plans", plan.ToJsonString(), requestId, cancellationToken);

    public Task<JsonElement> CreateSubscriptionAsync(JsonObject subscription, string requestId, CancellationToken cancellationToken) =>
        PostAsync("v1/billing/subscriptions", subscription.ToJsonString(), requestId, cancellationToken);

    public async Task<JsonElement?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/billing/subscriptions/{Uri.EscapeDataString(subscriptionId)}");
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>The subscription's transactions (its charges) between two times.</summary>
    public async Task<IReadOnlyList<JsonElement>> ListSubscriptionTransactionsAsync(string subscriptionId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        static string T(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"v1/billing/subscriptions/{Uri.EscapeDataString(subscriptionId)}/transactions?start_time={T(from)}&end_time={T(to.AddMinutes(1))}");
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        var body = await ReadAsync(response, cancellationToken);
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("transactions", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToList() : [];
    }

    /// <summary>Cancels a subscription for good (204). The caller reads its state first, so a resend after a lost answer is harmless.</summary>
    public Task CancelSubscriptionAsync(string subscriptionId, string reason, CancellationToken cancellationToken) =>
        PostAsync($"v1/billing/subscriptions/{Uri.EscapeDataString(subscriptionId)}/cancel",
            new JsonObject { ["reason"] = reason.Length > 128 ? reason[..128] : reason }.ToJsonString(), $"vozex-cancel-{subscriptionId}", cancellationToken);

    /// <summary>
    /// PayPal's postback verification. The event is spliced in as the exact bytes received: PayPal checks its
    /// signature over those, and a re-serialised body (reordered or reformatted) would fail.
    /// </summary>
    public async Task<bool> VerifyWebhookAsync(IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> rawBody, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("auth_algo", headers.GetValueOrDefault("paypal-auth-algo"));
            writer.WriteString("cert_url", headers.GetValueOrDefault("paypal-cert-url"));
            writer.WriteString("transmission_id", headers.GetValueOrDefault("paypal-transmission-id"));
            writer.WriteString("transmission_sig", headers.GetValueOrDefault("paypal-transmission-sig"));
            writer.WriteString("transmission_time", headers.GetValueOrDefault("paypal-transmission-time"));
            writer.WriteString("webhook_id", options.Value.WebhookId);
            writer.WritePropertyName("webhook_event");
            writer.WriteRawValue(rawBody.Span, skipInputValidation: false);
            writer.WriteEndObject();
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/notifications/verify-webhook-signature")
        {
            Content = new ByteArrayContent(buffer.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.MarkRetrySafe();
        using var response = await http.SendAsync(request, cancellationToken);
        var result = await ReadAsync(response, cancellationToken);
        return result.TryGetProperty("verification_status", out var status) && status.GetString() == "SUCCESS";
    }

    private async Task<JsonElement> PostAsync(string path, string json, string requestId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("PayPal-Request-Id", requestId);
        request.Headers.Add("Prefer", "return=representation");
        request.MarkRetrySafe();
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            string? name = null, issue = null;
            try
            {
                using var error = JsonDocument.Parse(text);
                name = error.RootElement.TryGetProperty("name", out var n) ? n.GetString() : null;
                if (error.RootElement.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array && details.GetArrayLength() > 0
                    && details[0].TryGetProperty("issue", out var i))
                    issue = i.GetString();
            }
            catch (JsonException) { name = "(no JSON error body)"; }
            throw new PayPalApiException(response.StatusCode, name, issue);
        }
        if (string.IsNullOrWhiteSpace(text)) return default; // 204 No Content
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static void Configure(HttpClient http, PayPalOptions options)
    {
        http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns time limits
    }
}
