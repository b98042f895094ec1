using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vozex.Web.Modules.Payments.Gateways.DodoPayments;

/// <summary>A non-2xx answer from Dodo Payments, with its <c>{code, message}</c> body.</summary>
internal sealed class DodoApiException(HttpStatusCode status, string? code, string? message)
    : Exception($"Dodo Payments answered {(int)status} {code}: {message}")
{
    public HttpStatusCode Status { get; } = status;
    public string? Code { get; } = code;

    /// <summary>The request may or may not have taken effect (rate limit, server error): look before resending.</summary>
    public bool IsTransient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict || (int)Status >= 500;
}

/// <summary>
/// The parts of the Dodo Payments API VOZEX calls (reference/payment-gateways.md §1), as a typed client: bearer key,
/// JSON both ways, base URL from configuration (tests point it at a loopback fake).
/// </summary>
internal sealed class DodoPaymentsClient(HttpClient http)
{
    public static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<string> CreateProductAsync(JsonObject product, CancellationToken cancellationToken)
    {
        // Not retried automatically: a duplicate product is harmless but the caller records only one.
        var body = await SendAsync(HttpMethod.Post, "/products", product, retrySafe: false, cancellationToken);
        return body.GetProperty("product_id").GetString() ?? throw new FormatException("Dodo returned a product without product_id.");
    }

    /// <summary>A second session from a retried create is harmless (it expires unused), so checkout creation is retried.</summary>
    public async Task<(string SessionId, string CheckoutUrl)> CreateCheckoutAsync(JsonObject session, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Post, "/checkouts", session, retrySafe: true, cancellationToken);
        return (body.GetProperty("session_id").GetString()!, body.GetProperty("checkout_url").GetString()
            ?? throw new FormatException("Dodo returned a checkout session without checkout_url."));
    }

    public Task<JsonElement?> GetCheckoutAsync(string sessionId, CancellationToken cancellationToken) =>
        GetOrNullAsync($"/checkouts/{Uri.EscapeDataString(sessionId)}", cancellationToken);

    public Task<JsonElement?> GetPaymentAsync(string paymentId, CancellationToken cancellationToken) =>
        GetOrNullAsync($"/payments/{Uri.EscapeDataString(paymentId)}", cancellationToken);

    public Task<JsonElement?> GetRefundAsync(string refundId, CancellationToken cancellationToken) =>
        GetOrNullAsync($"/refunds/{Uri.EscapeDataString(refundId)}", cancellationToken);

    public Task<JsonElement?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        GetOrNullAsync($"/subscriptions/{Uri.EscapeDataString(subscriptionId)}", cancellationToken);

    /// <summary>The subscription's payments created since <paramref name="since"/> (first page, newest first as Dodo lists them).</summary>
    public async Task<IReadOnlyList<JsonElement>> ListSubscriptionPaymentsAsync(string subscriptionId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var query = $"/payments?subscription_id={Uri.EscapeDataString(subscriptionId)}&created_at_gte={Uri.EscapeDataString(since.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}&page_size=100";
        var body = await GetOrNullAsync(query, cancellationToken);
        return body is { } b && b.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().ToList() : [];
    }

    /// <summary>Sets fields of a subscription (cancel now, or at the next billing date); setting the same again changes nothing, so it is retried.</summary>
    public Task<JsonElement> UpdateSubscriptionAsync(string subscriptionId, JsonObject changes, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"/subscriptions/{Uri.EscapeDataString(subscriptionId)}", changes, retrySafe: true, cancellationToken);

    /// <summary>Dodo has no idempotency key for refunds, so this is sent exactly once per call and never retried here.</summary>
    public Task<JsonElement> CreateRefundAsync(JsonObject refund, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/refunds", refund, retrySafe: false, cancellationToken);

    private async Task<JsonElement?> GetOrNullAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync(response, cancellationToken);
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, JsonObject body, bool retrySafe, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = JsonContent.Create(body, options: JsonOptions) };
        if (retrySafe) request.MarkRetrySafe();
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            string? code = null, message = null;
            try
            {
                using var error = JsonDocument.Parse(text);
                code = error.RootElement.TryGetProperty("code", out var c) ? c.ToString() : null;
                message = error.RootElement.TryGetProperty("message", out var m) ? m.ToString() : null;
            }
            catch (JsonException) { message = "(no JSON error body)"; }
            throw new DodoApiException(response.StatusCode, code, message);
        }
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static void Configure(HttpClient http, DodoPaymentsOptions options)
    {
        http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns time limits
    }
}
