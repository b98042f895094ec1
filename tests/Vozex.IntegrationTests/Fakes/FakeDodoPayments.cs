using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vozex.Web.Modules.Payments.Webhooks;

namespace Vozex.IntegrationTests.Fakes;

public sealed record FakeWebhook(string Id, string Type, string Body);

/// <summary>
/// Dodo Payments as reference/payment-gateways.md §1 and §4.1 describe it: bearer key, products (PWYW and recurring),
/// checkout sessions, payments with their refunds, refunds without idempotency, subscriptions for recurring products
/// (created when such a session is paid; renewed, put on hold or cancelled by test controls; read, cancelled and
/// re-planned through the API), and Standard Webhooks delivery.
/// </summary>
public sealed class FakeDodoPayments : FakeGatewayServer
{
    public const string ApiKey = "dodo_test_key_123";
    public const string Secret = "whsec_dm96ZXgtdGVzdC1zZWNyZXQtMjRieXRl";
    public const string OldSecret = "whsec_YW4tb2xkLXJvdGF0ZWQtc2VjcmV0LTI0";

    private readonly object _gate = new();
    private readonly Dictionary<string, JsonObject> _products = [];
    private readonly Dictionary<string, JsonObject> _sessions = [];
    private readonly Dictionary<string, JsonObject> _payments = [];
    private readonly Dictionary<string, JsonObject> _refunds = [];
    private readonly Dictionary<string, JsonObject> _subscriptions = [];
    private int _sequence;

    /// <summary>The clock webhooks are signed with (the app checks the timestamp against its own, possibly simulated, clock).</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Secrets each webhook is signed with, in header order (two during a rotation).</summary>
    public List<string> SigningSecrets { get; set; } = [Secret];

    /// <summary>While set, webhooks are kept in <see cref="Held"/> instead of being delivered.</summary>
    public bool HoldWebhooks { get; set; }

    public List<FakeWebhook> Held { get; } = [];
    public List<FakeWebhook> Sent { get; } = [];

    public static async Task<FakeDodoPayments> StartNewAsync()
    {
        var fake = new FakeDodoPayments();
        await fake.StartAsync();
        return fake;
    }

    private string NextId(string prefix) => $"{prefix}_{Interlocked.Increment(ref _sequence):D6}";

    public int RefundCount(string paymentId)
    {
        lock (_gate) return _refunds.Values.Count(r => r["payment_id"]!.GetValue<string>() == paymentId);
    }

    public JsonObject Product(string id)
    {
        lock (_gate) return (JsonObject)_products[id].DeepClone();
    }

    public int ProductCount
    {
        get { lock (_gate) return _products.Count; }
    }

    protected override void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/__fake") && !context.Request.Path.StartsWithSegments("/session")
                && context.Request.Headers.Authorization.ToString() != $"Bearer {ApiKey}")
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { code = "UNAUTHORIZED", message = "Invalid API key" });
                return;
            }
            await next(context);
        });

        app.MapPost("/products", async (HttpRequest request) =>
        {
            var body = await Body(request);
            if (body["price"] is not JsonObject price || body["tax_category"] is null || body["name"] is null)
                return Error(422, "INVALID_REQUEST", "name, tax_category and price are required");
            var id = NextId("pdt");
            var product = new JsonObject { ["product_id"] = id, ["name"] = body["name"]!.DeepClone(), ["price"] = price.DeepClone(), ["is_recurring"] = price["type"]!.GetValue<string>() == "recurring_price" };
            lock (_gate) _products[id] = product;
            return Results.Json(product);
        });
        app.MapGet("/products/{id}", (string id) =>
        {
            lock (_gate) return _products.TryGetValue(id, out var p) ? Results.Json(p) : Error(404, "NOT_FOUND", "no such product");
        });

        app.MapPost("/checkouts", async (HttpRequest request) =>
        {
            var body = await Body(request);
            if (body["product_cart"] is not JsonArray cart || cart.Count == 0) return Error(422, "INVALID_REQUEST", "product_cart is required");
            if (body["billing_address"]?["country"]?.GetValue<string>() is not { Length: 2 }) return Error(422, "UNSUPPORTED_COUNTRY", "billing country");
            long total = 0;
            string? currency = null;
            lock (_gate)
            {
                foreach (var item in cart)
                {
                    if (!_products.TryGetValue(item!["product_id"]!.GetValue<string>(), out var product)) return Error(422, "PRODUCT_NOT_FOUND", "unknown product");
                    var price = product["price"]!;
                    var pwyw = price["pay_what_you_want"]?.GetValue<bool>() == true;
                    var quantity = item["quantity"]!.GetValue<int>();
                    if (quantity < 1) return Error(422, "INVALID_REQUEST", "quantity");
                    long amount;
                    if (pwyw)
                    {
                        if (item["amount"] is null) return Error(422, "INVALID_REQUEST", "amount is required for pay-what-you-want products");
                        amount = item["amount"]!.GetValue<long>();
                        if (amount < price["price"]!.GetValue<long>()) return Error(422, "AMOUNT_BELOW_MINIMUM", "amount below the minimum");
                    }
                    else amount = price["price"]!.GetValue<long>();
                    total += amount * quantity;
                    currency ??= price["currency"]!.GetValue<string>();
                }
                var id = NextId("cks");
                _sessions[id] = new JsonObject
                {
                    ["id"] = id, ["created_at"] = DateTimeOffset.UtcNow.ToString("O"), ["total"] = total, ["currency"] = currency,
                    ["cart"] = cart.DeepClone(), ["metadata"] = body["metadata"]?.DeepClone(), ["customer"] = body["customer"]?.DeepClone(),
                    ["return_url"] = body["return_url"]?.DeepClone(), ["payment_id"] = null, ["payment_status"] = null,
                };
                return Results.Json(new { session_id = id, checkout_url = $"{BaseUrl}/session/{id}" });
            }
        });
        app.MapGet("/checkouts/{id}", (string id) =>
        {
            lock (_gate)
            {
                if (!_sessions.TryGetValue(id, out var s)) return Error(404, "NOT_FOUND", "no such session");
                return Results.Json(new JsonObject
                {
                    ["id"] = id, ["created_at"] = s["created_at"]!.DeepClone(), ["payment_id"] = s["payment_id"]?.DeepClone(),
                    ["payment_status"] = s["payment_status"]?.DeepClone(), ["customer_email"] = s["customer"]?["email"]?.DeepClone(),
                });
            }
        });
        app.MapGet("/session/{id}", (string id) => Results.Text($"<html><body>Dodo checkout {id}</body></html>", "text/html"));
        app.MapPost("/__fake/sessions/{id}/pay", async (string id) => Results.Redirect(await PayAsync(id)));
        app.MapPost("/__fake/sessions/{id}/decline", async (string id) => Results.Redirect(await DeclineAsync(id)));

        app.MapGet("/payments/{id}", (string id) =>
        {
            lock (_gate) return _payments.TryGetValue(id, out var p) ? Results.Json(p) : Error(404, "NOT_FOUND", "no such payment");
        });
        app.MapGet("/payments", (string? subscription_id, string? created_at_gte) =>
        {
            var since = created_at_gte is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(created_at_gte, CultureInfo.InvariantCulture);
            lock (_gate)
            {
                var items = _payments.Values
                    .Where(p => subscription_id is null || p["subscription_id"]?.GetValue<string>() == subscription_id)
                    .Where(p => DateTimeOffset.Parse(p["created_at"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= since)
                    .OrderByDescending(p => p["created_at"]!.GetValue<string>(), StringComparer.Ordinal)
                    .Select(p => (JsonNode)p.DeepClone()).ToArray();
                return Results.Json(new JsonObject { ["items"] = new JsonArray(items) });
            }
        });
        app.MapGet("/subscriptions/{id}", (string id) =>
        {
            lock (_gate) return _subscriptions.TryGetValue(id, out var s) ? Results.Json(s) : Error(404, "NOT_FOUND", "no such subscription");
        });
        app.MapMethods("/subscriptions/{id}", ["PATCH"], async (string id, HttpRequest request) =>
        {
            var body = await Body(request);
            FakeWebhook? webhook = null;
            JsonObject answer;
            lock (_gate)
            {
                if (!_subscriptions.TryGetValue(id, out var sub)) return Error(404, "NOT_FOUND", "no such subscription");
                if (body["cancel_at_next_billing_date"] is { } flag) sub["cancel_at_next_billing_date"] = flag.GetValue<bool>();
                if (body["status"]?.GetValue<string>() is { } status)
                {
                    if (status != "cancelled") return Error(422, "INVALID_REQUEST", "only cancelled can be set");
                    if (sub["status"]!.GetValue<string>() is "cancelled" or "expired") return Error(409, "SUBSCRIPTION_INACTIVE", "already ended");
                    sub["status"] = "cancelled";
                    sub["cancelled_at"] = Now().ToString("O");
                    webhook = Envelope("subscription.cancelled", "Subscription", sub);
                }
                answer = (JsonObject)sub.DeepClone();
            }
            // Like Dodo, the event follows the answer rather than arriving in the middle of the caller's request.
            if (webhook is not null) EmitAfterAnswer(webhook);
            return Results.Json(answer);
        });
        app.MapPost("/subscriptions/{id}/change-plan", async (string id, HttpRequest request) =>
        {
            var body = await Body(request);
            FakeWebhook webhook;
            lock (_gate)
            {
                if (!_subscriptions.TryGetValue(id, out var sub)) return Error(404, "NOT_FOUND", "no such subscription");
                if (body["product_id"]?.GetValue<string>() is not { } productId || !_products.TryGetValue(productId, out var product)
                    || product["is_recurring"]!.GetValue<bool>() != true)
                    return Error(422, "INVALID_REQUEST", "product_id must be a recurring product");
                if (body["proration_billing_mode"]?.GetValue<string>() is not ("prorated_immediately" or "full_immediately" or "difference_immediately"))
                    return Error(422, "INVALID_REQUEST", "proration_billing_mode");
                sub["product_id"] = productId;
                sub["quantity"] = body["quantity"]?.GetValue<int>() ?? 1;
                sub["recurring_pre_tax_amount"] = product["price"]!["price"]!.DeepClone();
                webhook = Envelope("subscription.plan_changed", "Subscription", sub);
            }
            await EmitAsync(webhook);
            return Results.Ok();
        });
        app.MapGet("/refunds/{id}", (string id) =>
        {
            lock (_gate) return _refunds.TryGetValue(id, out var r) ? Results.Json(r) : Error(404, "NOT_FOUND", "no such refund");
        });
        app.MapPost("/refunds", async (HttpRequest request) =>
        {
            var body = await Body(request);
            var paymentId = body["payment_id"]?.GetValue<string>() ?? "";
            FakeWebhook webhook;
            JsonObject refund;
            lock (_gate)
            {
                if (!_payments.TryGetValue(paymentId, out var payment) || payment["status"]!.GetValue<string>() != "succeeded")
                    return Error(422, "PAYMENT_NOT_REFUNDABLE", "no succeeded payment");
                var paid = payment["total_amount"]!.GetValue<long>();
                var refunded = ((JsonArray)payment["refunds"]!).Sum(r => r!["amount"]!.GetValue<long>());
                long amount;
                if (body["items"] is JsonArray items)
                {
                    amount = 0;
                    foreach (var item in items)
                    {
                        var productId = item!["item_id"]!.GetValue<string>();
                        var line = ((JsonArray)payment["product_cart"]!).FirstOrDefault(l => l!["product_id"]!.GetValue<string>() == productId);
                        if (line is null) return Error(422, "INVALID_ITEM", $"{productId} is not in the payment");
                        amount += item["amount"]?.GetValue<long>() ?? line["amount"]!.GetValue<long>();
                    }
                }
                else amount = paid - refunded;
                if (amount <= 0 || refunded + amount > paid) return Error(422, "REFUND_AMOUNT_EXCEEDED", "more than remains");
                var id = NextId("rfd");
                refund = new JsonObject
                {
                    ["refund_id"] = id, ["payment_id"] = paymentId, ["business_id"] = "bus_fake", ["status"] = "succeeded", ["amount"] = amount,
                    ["currency"] = payment["currency"]!.DeepClone(), ["is_partial"] = amount < paid, ["reason"] = body["reason"]?.DeepClone(),
                    ["metadata"] = body["metadata"]?.DeepClone() ?? new JsonObject(), ["created_at"] = DateTimeOffset.UtcNow.ToString("O"),
                };
                _refunds[id] = refund;
                ((JsonArray)payment["refunds"]!).Add(new JsonObject
                {
                    ["refund_id"] = id, ["payment_id"] = paymentId, ["amount"] = amount, ["currency"] = payment["currency"]!.DeepClone(),
                    ["status"] = "succeeded", ["is_partial"] = amount < paid, ["reason"] = body["reason"]?.DeepClone(), ["created_at"] = refund["created_at"]!.DeepClone(),
                });
                payment["refund_status"] = refunded + amount == paid ? "full" : "partial";
                webhook = Envelope("refund.succeeded", "Refund", refund);
            }
            await EmitAsync(webhook);
            var answer = (JsonObject)refund.DeepClone();
            answer["status"] = "pending"; // Dodo confirms by webhook
            return Results.Json(answer);
        });
    }

    /// <summary>The buyer pays on the hosted page: a payment, payment.succeeded, and the redirect to return_url.</summary>
    public Task<string> PayAsync(string sessionId) => CompleteAsync(sessionId, pay: true);

    public Task<string> DeclineAsync(string sessionId) => CompleteAsync(sessionId, pay: false);

    private async Task<string> CompleteAsync(string sessionId, bool pay)
    {
        FakeWebhook webhook;
        FakeWebhook? activated = null;
        string returnUrl;
        string paymentId;
        lock (_gate)
        {
            var session = _sessions[sessionId];
            paymentId = NextId("pay");
            var cart = new JsonArray(((JsonArray)session["cart"]!).Select(i => (JsonNode)new JsonObject
            {
                ["product_id"] = i!["product_id"]!.DeepClone(), ["quantity"] = i["quantity"]!.DeepClone(),
                ["amount"] = i["amount"]?.DeepClone() ?? _products[i["product_id"]!.GetValue<string>()]["price"]!["price"]!.DeepClone(),
            }).ToArray());
            var payment = new JsonObject
            {
                ["payment_id"] = paymentId, ["business_id"] = "bus_fake", ["status"] = pay ? "succeeded" : "failed",
                ["total_amount"] = session["total"]!.DeepClone(), ["tax"] = 0, ["currency"] = session["currency"]!.DeepClone(),
                ["metadata"] = session["metadata"]?.DeepClone() ?? new JsonObject(), ["checkout_session_id"] = sessionId,
                ["customer"] = session["customer"]?.DeepClone(), ["product_cart"] = cart, ["refunds"] = new JsonArray(), ["refund_status"] = null,
                ["error_code"] = pay ? null : "CARD_DECLINED", ["error_message"] = pay ? null : "The card was declined.",
                ["created_at"] = DateTimeOffset.UtcNow.ToString("O"),
            };
            _payments[paymentId] = payment;
            session["payment_id"] = paymentId;
            session["payment_status"] = pay ? "succeeded" : "failed";
            // A recurring product makes the payment the first of a subscription (one per session), which carries the session's metadata.
            var recurring = ((JsonArray)session["cart"]!).Select(i => _products[i!["product_id"]!.GetValue<string>()]).FirstOrDefault(p => p["is_recurring"]!.GetValue<bool>());
            if (pay && recurring is not null)
            {
                var price = recurring["price"]!;
                var subscriptionId = NextId("sub");
                var count = price["payment_frequency_count"]!.GetValue<int>();
                var now = Now();
                var next = price["payment_frequency_interval"]!.GetValue<string>() == "Year" ? now.AddYears(count) : now.AddMonths(count);
                var subscription = new JsonObject
                {
                    ["subscription_id"] = subscriptionId, ["status"] = "active", ["product_id"] = recurring["product_id"]!.DeepClone(), ["quantity"] = 1,
                    ["recurring_pre_tax_amount"] = price["price"]!.DeepClone(), ["currency"] = price["currency"]!.DeepClone(), ["tax_inclusive"] = true,
                    ["payment_frequency_count"] = count, ["payment_frequency_interval"] = price["payment_frequency_interval"]!.DeepClone(),
                    ["next_billing_date"] = next.ToString("O"), ["previous_billing_date"] = now.ToString("O"), ["cancel_at_next_billing_date"] = false,
                    ["cancelled_at"] = null, ["customer"] = session["customer"]?.DeepClone(), ["metadata"] = session["metadata"]?.DeepClone() ?? new JsonObject(),
                    ["created_at"] = now.ToString("O"),
                };
                _subscriptions[subscriptionId] = subscription;
                payment["subscription_id"] = subscriptionId;
                activated = Envelope("subscription.active", "Subscription", subscription);
            }
            webhook = Envelope(pay ? "payment.succeeded" : "payment.failed", "Payment", payment);
            returnUrl = $"{session["return_url"]!.GetValue<string>()}{(session["return_url"]!.GetValue<string>().Contains('?') ? '&' : '?')}payment_id={paymentId}&status={(pay ? "succeeded" : "failed")}";
        }
        if (activated is not null) await EmitAsync(activated);
        await EmitAsync(webhook);
        return returnUrl;
    }

    public JsonObject Subscription(string id)
    {
        lock (_gate) return (JsonObject)_subscriptions[id].DeepClone();
    }

    public string? SubscriptionIdOfSession(string sessionId)
    {
        lock (_gate) return _sessions[sessionId]["payment_id"]?.GetValue<string>() is { } p ? _payments[p]["subscription_id"]?.GetValue<string>() : null;
    }

    /// <summary>
    /// Dodo charges the next period: a payment naming the subscription (with its metadata), then <c>subscription.renewed</c> and
    /// <c>payment.succeeded</c>; the period runs to <paramref name="nextBillingDate"/>. Returns the payment's webhook (to redeliver it).
    /// </summary>
    public async Task<FakeWebhook> RenewAsync(string subscriptionId, DateTimeOffset nextBillingDate)
    {
        FakeWebhook renewed, paid;
        lock (_gate)
        {
            var sub = _subscriptions[subscriptionId];
            var payment = SubscriptionPayment(sub, succeeded: true);
            sub["status"] = "active";
            sub["previous_billing_date"] = sub["next_billing_date"]!.DeepClone();
            sub["next_billing_date"] = nextBillingDate.ToString("O");
            renewed = Envelope("subscription.renewed", "Subscription", sub);
            paid = Envelope("payment.succeeded", "Payment", payment);
        }
        await EmitAsync(renewed);
        await EmitAsync(paid);
        return paid;
    }

    /// <summary>A renewal charge fails: <c>payment.failed</c> naming the subscription, and the subscription goes <c>on_hold</c>.</summary>
    public async Task<FakeWebhook> FailRenewalAsync(string subscriptionId)
    {
        FakeWebhook failed, onHold;
        lock (_gate)
        {
            var sub = _subscriptions[subscriptionId];
            var payment = SubscriptionPayment(sub, succeeded: false);
            sub["status"] = "on_hold";
            failed = Envelope("payment.failed", "Payment", payment);
            onHold = Envelope("subscription.on_hold", "Subscription", sub);
        }
        await EmitAsync(failed);
        await EmitAsync(onHold);
        return onHold;
    }

    /// <summary>The subscription ends at Dodo (the customer cancelled on Dodo's portal, or it expired): <paramref name="type"/> is sent.</summary>
    public async Task<FakeWebhook> EndAtDodoAsync(string subscriptionId, string type = "subscription.cancelled")
    {
        FakeWebhook webhook;
        lock (_gate)
        {
            var sub = _subscriptions[subscriptionId];
            sub["status"] = type == "subscription.expired" ? "expired" : "cancelled";
            sub["cancelled_at"] = Now().ToString("O");
            webhook = Envelope(type, "Subscription", sub);
        }
        await EmitAsync(webhook);
        return webhook;
    }

    /// <summary>The same message again under a new webhook-id (a second event reporting the same payment).</summary>
    public async Task<FakeWebhook> ResendAsNewAsync(FakeWebhook webhook)
    {
        var copy = webhook with { Id = NextId("msg") };
        await EmitAsync(copy);
        return copy;
    }

    private JsonObject SubscriptionPayment(JsonObject sub, bool succeeded)
    {
        var id = NextId("pay");
        var payment = new JsonObject
        {
            ["payment_id"] = id, ["business_id"] = "bus_fake", ["status"] = succeeded ? "succeeded" : "failed",
            ["total_amount"] = sub["recurring_pre_tax_amount"]!.DeepClone(), ["tax"] = 0, ["currency"] = sub["currency"]!.DeepClone(),
            ["metadata"] = sub["metadata"]!.DeepClone(), ["checkout_session_id"] = null, ["subscription_id"] = sub["subscription_id"]!.DeepClone(),
            ["customer"] = sub["customer"]?.DeepClone(),
            ["product_cart"] = new JsonArray(new JsonObject { ["product_id"] = sub["product_id"]!.DeepClone(), ["quantity"] = 1, ["amount"] = sub["recurring_pre_tax_amount"]!.DeepClone() }),
            ["refunds"] = new JsonArray(), ["refund_status"] = null, ["retry_attempt"] = 0,
            ["error_code"] = succeeded ? null : "INSUFFICIENT_FUNDS", ["error_message"] = succeeded ? null : "Insufficient funds.",
            ["created_at"] = Now().ToString("O"),
        };
        _payments[id] = payment;
        return payment;
    }

    public string PaymentIdOf(string sessionId)
    {
        lock (_gate) return _sessions[sessionId]["payment_id"]!.GetValue<string>();
    }

    /// <summary>A refund made on Dodo's dashboard, not through VOZEX: only its webhook tells VOZEX.</summary>
    public async Task<string> RefundAtDashboardAsync(string paymentId, long amount)
    {
        FakeWebhook webhook;
        string id;
        lock (_gate)
        {
            var payment = _payments[paymentId];
            id = NextId("rfd");
            var refund = new JsonObject
            {
                ["refund_id"] = id, ["payment_id"] = paymentId, ["status"] = "succeeded", ["amount"] = amount, ["currency"] = payment["currency"]!.DeepClone(),
                ["is_partial"] = amount < payment["total_amount"]!.GetValue<long>(), ["reason"] = "dashboard", ["metadata"] = new JsonObject(),
                ["created_at"] = DateTimeOffset.UtcNow.ToString("O"),
            };
            _refunds[id] = refund;
            ((JsonArray)payment["refunds"]!).Add(refund.DeepClone());
            webhook = Envelope("refund.succeeded", "Refund", refund);
        }
        await EmitAsync(webhook);
        return id;
    }

    /// <summary>Emits any event (dispute.opened, subscription.renewed, an unknown type) with the given data.</summary>
    public Task EmitEventAsync(string type, string payloadType, JsonObject data) => EmitAsync(Envelope(type, payloadType, data));

    private FakeWebhook Envelope(string type, string payloadType, JsonObject resource)
    {
        var data = (JsonObject)resource.DeepClone();
        data.Insert(0, "payload_type", payloadType);
        var body = new JsonObject { ["business_id"] = "bus_fake", ["type"] = type, ["timestamp"] = Now().ToString("O"), ["data"] = data };
        return new FakeWebhook(NextId("msg"), type, body.ToJsonString());
    }

    private void EmitAfterAnswer(FakeWebhook webhook) => _ = Task.Run(async () =>
    {
        await Task.Delay(300);
        await EmitAsync(webhook);
    });

    private async Task EmitAsync(FakeWebhook webhook)
    {
        if (HoldWebhooks)
        {
            lock (Held) Held.Add(webhook);
            return;
        }
        await DeliverAsync(webhook);
    }

    /// <summary>Delivers (or redelivers, with the same webhook-id) a message, signed now with every signing secret; retried on non-2xx.</summary>
    public async Task<int> DeliverAsync(FakeWebhook webhook, long? timestamp = null, IReadOnlyList<string>? secrets = null)
    {
        var status = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var ts = timestamp ?? Now().ToUnixTimeSeconds();
            var bytes = Encoding.UTF8.GetBytes(webhook.Body);
            using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl ?? throw new InvalidOperationException("No webhook URL."))
            {
                Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } },
            };
            request.Headers.Add("webhook-id", webhook.Id);
            request.Headers.Add("webhook-timestamp", ts.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", string.Join(' ', (secrets ?? SigningSecrets).Select(s => StandardWebhookVerifier.SignatureHeader(s, webhook.Id, ts, bytes))));
            using var response = await Webhooks.SendAsync(request);
            status = (int)response.StatusCode;
            lock (Sent) Sent.Add(webhook);
            if (response.IsSuccessStatusCode || status is 400 or 401) break;
            await Task.Delay(200);
        }
        return status;
    }

    private static async Task<JsonObject> Body(HttpRequest request) =>
        JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!.AsObject();

    private static IResult Error(int status, string code, string message) => Results.Json(new { code, message }, statusCode: status);
}
