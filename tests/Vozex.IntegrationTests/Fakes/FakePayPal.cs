using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vozex.IntegrationTests.Fakes;

/// <summary>
/// PayPal REST as reference/payment-gateways.md §3 and §4.2 describe it: OAuth2 client credentials, Orders v2 with
/// PayPal-Request-Id replay, capture (with knobs for a declined capture under a COMPLETED order), capture refunds,
/// webhooks signed over transmission-id|time|webhook-id|crc32 and the verify-webhook-signature postback.
/// </summary>
public sealed class FakePayPal : FakeGatewayServer
{
    /// <summary>Answer sale refunds as pending; the PAYMENT.SALE.REFUNDED webhook (completed) still follows.</summary>
    public bool SaleRefundsPending { get; set; }

    public const string ClientId = "fake-client-id";
    public const string ClientSecret = "fake-client-secret";
    public const string WebhookId = "8PT597110X687430LN";

    private readonly object _gate = new();
    private readonly Dictionary<string, JsonObject> _orders = [];
    private readonly Dictionary<string, JsonObject> _captures = [];
    private readonly Dictionary<string, JsonObject> _refunds = [];
    private readonly Dictionary<string, JsonObject> _products = [];
    private readonly Dictionary<string, JsonObject> _plans = [];
    private readonly Dictionary<string, JsonObject> _subscriptions = [];
    private readonly Dictionary<string, (int Status, string Body)> _replies = [];
    private readonly Dictionary<string, (string Body, string Signature, string Time)> _deliveries = [];
    private readonly HashSet<string> _tokens = [];
    private readonly RSA _key = RSA.Create(2048);
    private int _sequence;

    /// <summary>The clock events are stamped with (the app may run on a simulated one).</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public int TokenLifetimeSeconds { get; set; } = 32400;
    public int TokensIssued { get; private set; }

    /// <summary>Status the next capture gets (COMPLETED, PENDING, DECLINED); the order still reads COMPLETED, as PayPal's does.</summary>
    public string NextCaptureStatus { get; set; } = "COMPLETED";

    public bool HoldWebhooks { get; set; }
    public List<FakeWebhook> Held { get; } = [];

    public static async Task<FakePayPal> StartNewAsync()
    {
        var fake = new FakePayPal();
        await fake.StartAsync();
        return fake;
    }

    private string NextId(string prefix) => $"{prefix}{Interlocked.Increment(ref _sequence):D8}";

    /// <summary>PayPal revokes every token it issued (the next API call gets a 401).</summary>
    public void RevokeTokens()
    {
        lock (_gate) _tokens.Clear();
    }

    public int CapturesOf(string orderId)
    {
        lock (_gate) return _captures.Values.Count(c => c["supplementary_data"]!["related_ids"]!["order_id"]!.GetValue<string>() == orderId);
    }

    public string OrderStatusOf(string orderId)
    {
        lock (_gate) return _orders[orderId]["status"]!.GetValue<string>();
    }

    public int RefundsOf(string captureId)
    {
        lock (_gate) return _refunds.Values.Count(r => r["capture_id"]!.GetValue<string>() == captureId);
    }

    public string CaptureIdOf(string orderId)
    {
        lock (_gate) return _captures.Values.Single(c => c["supplementary_data"]!["related_ids"]!["order_id"]!.GetValue<string>() == orderId)["id"]!.GetValue<string>();
    }

    protected override void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/v1/oauth2/token") || path.StartsWithSegments("/__fake") || path.StartsWithSegments("/checkoutnow"))
            {
                await next(context);
                return;
            }
            var auth = context.Request.Headers.Authorization.ToString();
            bool known;
            lock (_gate) known = auth.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.Contains(auth["Bearer ".Length..]);
            if (!known)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { name = "AUTHENTICATION_FAILURE", message = "Authentication failed due to invalid authentication credentials or a missing Authorization header." });
                return;
            }
            await next(context);
        });

        app.MapPost("/v1/oauth2/token", async (HttpRequest request) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
            var form = await request.ReadFormAsync();
            if (request.Headers.Authorization.ToString() != expected || form["grant_type"] != "client_credentials")
                return Results.Json(new { error = "invalid_client", error_description = "Client Authentication failed" }, statusCode: 401);
            var token = "A21AA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            lock (_gate)
            {
                _tokens.Add(token);
                TokensIssued++;
            }
            return Results.Json(new { scope = "https://uri.paypal.com/services/payments/payment", access_token = token, token_type = "Bearer", app_id = "APP-FAKE", expires_in = TokenLifetimeSeconds, nonce = "n" });
        });

        app.MapPost("/v2/checkout/orders", async (HttpRequest request) =>
        {
            var requestId = request.Headers["PayPal-Request-Id"].ToString();
            var body = await Body(request);
            lock (_gate)
            {
                if (Replay(requestId) is { } replay) return replay;
                var unit = body["purchase_units"]![0]!;
                var amount = unit["amount"]!;
                if (AmountIssue(amount) is { } issue) return Issue(422, issue);
                if (unit["items"] is JsonArray items)
                {
                    var sum = items.Sum(i => Minor(i!["unit_amount"]!) * long.Parse(i["quantity"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
                    if (items.Any(i => AmountIssue(i!["unit_amount"]!) is not null)) return Issue(422, "DECIMAL_PRECISION");
                    if (sum != Minor(amount["breakdown"]!["item_total"]!)) return Issue(422, "ITEM_TOTAL_MISMATCH");
                    if (sum != Minor(amount)) return Issue(422, "AMOUNT_MISMATCH");
                }
                var context = body["payment_source"]?["paypal"]?["experience_context"];
                if (context?["return_url"] is null || context["cancel_url"] is null) return Issue(422, "MISSING_REQUIRED_PARAMETER");
                var id = NextId("5O");
                var order = new JsonObject
                {
                    ["id"] = id, ["status"] = "PAYER_ACTION_REQUIRED", ["intent"] = "CAPTURE", ["purchase_units"] = new JsonArray(unit.DeepClone()),
                    ["return_url"] = context["return_url"]!.DeepClone(), ["cancel_url"] = context["cancel_url"]!.DeepClone(),
                    ["links"] = new JsonArray(
                        new JsonObject { ["href"] = $"{BaseUrl}/v2/checkout/orders/{id}", ["rel"] = "self", ["method"] = "GET" },
                        new JsonObject { ["href"] = $"{BaseUrl}/checkoutnow?token={id}", ["rel"] = "payer-action", ["method"] = "GET" }),
                };
                _orders[id] = order;
                return Reply(requestId, 201, order);
            }
        });
        app.MapGet("/v2/checkout/orders/{id}", (string id) =>
        {
            lock (_gate) return _orders.TryGetValue(id, out var o) ? Results.Json(o) : Issue(404, "INVALID_RESOURCE_ID");
        });
        app.MapPost("/v2/checkout/orders/{id}/capture", (string id, HttpRequest request) =>
        {
            var requestId = request.Headers["PayPal-Request-Id"].ToString();
            FakeWebhook? webhook;
            IResult result;
            lock (_gate)
            {
                if (Replay(requestId) is { } replay) return replay;
                if (!_orders.TryGetValue(id, out var order)) return Issue(404, "INVALID_RESOURCE_ID");
                var status = order["status"]!.GetValue<string>();
                if (status == "COMPLETED") return Issue(422, "ORDER_ALREADY_CAPTURED");
                if (status != "APPROVED") return Issue(422, "ORDER_NOT_APPROVED");
                var unit = order["purchase_units"]![0]!;
                var captureId = NextId("3C");
                var captureStatus = NextCaptureStatus;
                var capture = new JsonObject
                {
                    ["id"] = captureId, ["status"] = captureStatus, ["amount"] = unit["amount"]!["currency_code"] is { } c
                        ? new JsonObject { ["currency_code"] = c.DeepClone(), ["value"] = unit["amount"]!["value"]!.DeepClone() } : null,
                    ["custom_id"] = unit["custom_id"]?.DeepClone(), ["invoice_id"] = unit["invoice_id"]?.DeepClone(), ["final_capture"] = true,
                    ["supplementary_data"] = new JsonObject { ["related_ids"] = new JsonObject { ["order_id"] = id } },
                    ["refunded"] = 0L,
                };
                if (captureStatus == "DECLINED") capture["status_details"] = new JsonObject { ["reason"] = "DECLINED_BY_RISK_FRAUD_FILTERS" };
                _captures[captureId] = capture;
                order["status"] = "COMPLETED";
                ((JsonObject)unit)["payments"] = new JsonObject { ["captures"] = new JsonArray(capture.DeepClone()) };
                webhook = captureStatus switch
                {
                    "COMPLETED" => Event("PAYMENT.CAPTURE.COMPLETED", "capture", capture),
                    "DECLINED" => Event("PAYMENT.CAPTURE.DENIED", "capture", capture),
                    _ => null,
                };
                result = Reply(requestId, 201, order);
            }
            if (webhook is not null) _ = EmitAsync(webhook);
            return result;
        });
        app.MapGet("/v2/payments/captures/{id}", (string id) =>
        {
            lock (_gate) return _captures.TryGetValue(id, out var c) ? Results.Json(c) : Issue(404, "INVALID_RESOURCE_ID");
        });
        app.MapPost("/v2/payments/captures/{id}/refund", async (string id, HttpRequest request) =>
        {
            var requestId = request.Headers["PayPal-Request-Id"].ToString();
            var body = await Body(request);
            FakeWebhook webhook;
            IResult result;
            lock (_gate)
            {
                if (Replay(requestId) is { } replay) return replay;
                if (!_captures.TryGetValue(id, out var capture)) return Issue(404, "INVALID_RESOURCE_ID");
                var total = Minor(capture["amount"]!);
                var refunded = capture["refunded"]!.GetValue<long>();
                if (refunded >= total) return Issue(422, "CAPTURE_FULLY_REFUNDED");
                var amount = body["amount"] is { } a ? Minor(a) : total - refunded;
                if (body["amount"] is { } given && AmountIssue(given) is { } issue) return Issue(422, issue);
                if (refunded + amount > total) return Issue(422, "REFUND_AMOUNT_EXCEEDED");
                capture["refunded"] = refunded + amount;
                capture["status"] = refunded + amount == total ? "REFUNDED" : "PARTIALLY_REFUNDED";
                var refundId = NextId("1R");
                var currency = capture["amount"]!["currency_code"]!.GetValue<string>();
                var refund = new JsonObject
                {
                    ["id"] = refundId, ["status"] = "COMPLETED",
                    ["amount"] = body["amount"]?.DeepClone() ?? new JsonObject { ["currency_code"] = currency, ["value"] = capture["amount"]!["value"]!.DeepClone() },
                    ["custom_id"] = body["custom_id"]?.DeepClone(), ["note_to_payer"] = body["note_to_payer"]?.DeepClone(), ["capture_id"] = id,
                    ["links"] = new JsonArray(new JsonObject { ["href"] = $"{BaseUrl}/v2/payments/captures/{id}", ["rel"] = "up", ["method"] = "GET" }),
                };
                _refunds[refundId] = refund;
                webhook = Event("PAYMENT.CAPTURE.REFUNDED", "refund", refund);
                result = Reply(requestId, 201, refund);
            }
            _ = EmitAsync(webhook);
            return result;
        });
        app.MapPost("/v1/notifications/verify-webhook-signature", async (HttpRequest request) =>
        {
            // The raw text of webhook_event is compared with what was sent: a re-serialised event fails, as at PayPal.
            var raw = await new StreamReader(request.Body).ReadToEndAsync();
            var body = JsonNode.Parse(raw)!;
            var transmission = body["transmission_id"]?.GetValue<string>() ?? "";
            var eventStart = raw.IndexOf("\"webhook_event\":", StringComparison.Ordinal) + "\"webhook_event\":".Length;
            var eventText = raw[eventStart..raw.LastIndexOf('}')];
            bool ok;
            lock (_gate)
            {
                ok = _deliveries.TryGetValue(transmission, out var d) && d.Body == eventText && d.Signature == body["transmission_sig"]?.GetValue<string>()
                     && d.Time == body["transmission_time"]?.GetValue<string>() && body["webhook_id"]?.GetValue<string>() == WebhookId;
            }
            return Results.Json(new { verification_status = ok ? "SUCCESS" : "FAILURE" });
        });
        app.MapPost("/v1/catalogs/products", async (HttpRequest request) =>
        {
            var requestId = request.Headers["PayPal-Request-Id"].ToString();
            var body = await Body(request);
            lock (_gate)
            {
                if (Replay(requestId) is { } replay) return replay;
                if (body["name"] is null || body["type"]?.GetValue<string>() is not ("PHYSICAL" or "DIGITAL" or "SERVICE")) return Issue(400, "INVALID_PARAMETER_VALUE");
                var id = NextId("PROD-");
                var product = new JsonObject { ["id"] = id, ["name"] = body["name"]!.DeepClone(), ["type"] = body["type"]!.DeepClone(), ["category"] = body["category"]?.DeepClone() };
                _products[id] = product;
                return Reply(requestId, 201, product);
            }
        });
        app.MapPost("/v1/billing/plans", async (HttpRequest request) =>
        {
            var requestId = request.Headers["PayPal-Request-Id"].ToString();
            var body = await Body(request);
            lock (_gate)
            {
                if (Replay(requestId) is { } replay) return replay;
                if (body["product_id"]?.GetValue<string>() is not { } productId || !_products.ContainsKey(productId)) return Issue(422, "INVALID_PRODUCT_ID");
                if (body["billing_cycles"] is not JsonArray { Count: > 0 } cycles) return Issue(400, "MISSING_REQUIRED_PARAMETER");
                if (cycles.Any(c => AmountIssue(c!["pricing_scheme"]!["fixed_price"]!) is not null)) return Issue(422, "DECIMAL_PRECISION");
                var id = NextId("P-");
                var plan = (JsonObject)body.DeepClone();
                plan["id"] = id;
                plan["status"] = body["status"]?.DeepClone() ?? "ACTIVE";
                _plans[id] = plan;
                return Reply(requestId, 201, plan);
            }
        });
        app.MapPost("/v1/billing/subscriptions", async (HttpRequest request) =>
        {
            var requestId = request.Headers["PayPal-Request-Id"].ToString();
            var body = await Body(request);
            lock (_gate)
            {
                if (Replay(requestId) is { } replay) return replay;
                if (body["plan_id"]?.GetValue<string>() is not { } planId || !_plans.ContainsKey(planId)) return Issue(422, "INVALID_PLAN_ID");
                var context = body["application_context"];
                if (context?["return_url"] is null || context["cancel_url"] is null) return Issue(400, "MISSING_REQUIRED_PARAMETER");
                var id = NextId("I-");
                var subscription = new JsonObject
                {
                    ["id"] = id, ["status"] = "APPROVAL_PENDING", ["plan_id"] = planId, ["custom_id"] = body["custom_id"]?.DeepClone(),
                    ["subscriber"] = body["subscriber"]?.DeepClone(), ["create_time"] = Now().ToString("O"),
                    ["start_time"] = body["start_time"]?.DeepClone(), ["plan_overridden"] = body["plan"] is not null, ["plan"] = body["plan"]?.DeepClone(),
                    ["return_url"] = context["return_url"]!.DeepClone(), ["cancel_url"] = context["cancel_url"]!.DeepClone(),
                    ["billing_info"] = new JsonObject { ["failed_payments_count"] = 0, ["last_payment"] = null, ["next_billing_time"] = null },
                    ["links"] = new JsonArray(
                        new JsonObject { ["href"] = $"{BaseUrl}/webapps/billing/subscriptions?ba_token=BA-{id[2..]}", ["rel"] = "approve", ["method"] = "GET" },
                        new JsonObject { ["href"] = $"{BaseUrl}/v1/billing/subscriptions/{id}", ["rel"] = "self", ["method"] = "GET" }),
                };
                _subscriptions[id] = subscription;
                return Reply(requestId, 201, subscription);
            }
        });
        app.MapGet("/v1/billing/subscriptions/{id}", (string id) =>
        {
            lock (_gate) return _subscriptions.TryGetValue(id, out var s) ? Results.Json(s) : Issue(404, "INVALID_RESOURCE_ID");
        });
        app.MapGet("/v1/billing/subscriptions/{id}/transactions", (string id, string start_time, string end_time) =>
        {
            var from = DateTimeOffset.Parse(start_time, System.Globalization.CultureInfo.InvariantCulture);
            var to = DateTimeOffset.Parse(end_time, System.Globalization.CultureInfo.InvariantCulture);
            lock (_gate)
            {
                if (!_subscriptions.TryGetValue(id, out var sub)) return Issue(404, "INVALID_RESOURCE_ID");
                var list = ((JsonArray?)sub["sales"] ?? [])
                    .Where(t => DateTimeOffset.Parse(t!["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) is var at && at >= from && at <= to)
                    .Select(t => t!.DeepClone()).ToArray();
                return Results.Json(new JsonObject { ["transactions"] = new JsonArray(list) });
            }
        });
        app.MapPost("/v1/payments/sale/{id}/refund", async (string id, HttpRequest request) =>
        {
            var requestId = request.Headers["PayPal-Request-Id"].ToString();
            var body = await Body(request);
            FakeWebhook webhook;
            IResult result;
            lock (_gate)
            {
                if (Replay(requestId) is { } replay) return replay;
                var sale = _subscriptions.Values.SelectMany(s => (JsonArray?)s["sales"] ?? []).FirstOrDefault(t => t!["id"]!.GetValue<string>() == id);
                if (sale is null) return Issue(404, "INVALID_RESOURCE_ID");
                var gross = sale["amount_with_breakdown"]!["gross_amount"]!;
                var total = Minor(gross);
                var refunded = sale["refunded"]?.GetValue<long>() ?? 0;
                var asked = body["amount"] is { } a ? Minor(new JsonObject { ["value"] = a["total"]!.DeepClone(), ["currency_code"] = a["currency"]!.DeepClone() }) : total - refunded;
                if (refunded >= total) return Issue(422, "TRANSACTION_ALREADY_REFUNDED");
                if (refunded + asked > total) return Issue(422, "REFUND_EXCEEDED_TRANSACTION_AMOUNT");
                sale["refunded"] = refunded + asked;
                var refund = new JsonObject
                {
                    ["id"] = NextId("RF-"), ["state"] = "completed", ["sale_id"] = id,
                    ["amount"] = body["amount"]?.DeepClone() ?? new JsonObject { ["total"] = gross["value"]!.DeepClone(), ["currency"] = gross["currency_code"]!.DeepClone() },
                };
                webhook = Event("PAYMENT.SALE.REFUNDED", "refund", refund);
                // PayPal may answer a refund as pending (an eCheck sale, a review); completion then arrives only by webhook.
                var answer = (JsonObject)refund.DeepClone();
                if (SaleRefundsPending) answer["state"] = "pending";
                result = Reply(requestId, 201, answer);
            }
            _ = EmitAsync(webhook);
            return result;
        });
        app.MapPost("/v1/billing/subscriptions/{id}/cancel", async (string id, HttpRequest request) =>
        {
            var body = await Body(request);
            FakeWebhook webhook;
            lock (_gate)
            {
                if (!_subscriptions.TryGetValue(id, out var sub)) return Issue(404, "INVALID_RESOURCE_ID");
                if (body["reason"] is null) return Issue(400, "MISSING_REQUIRED_PARAMETER");
                if (sub["status"]!.GetValue<string>() is not ("ACTIVE" or "SUSPENDED")) return Issue(422, "SUBSCRIPTION_STATUS_INVALID");
                sub["status"] = "CANCELLED";
                sub["status_change_note"] = body["reason"]!.DeepClone();
                webhook = Event("BILLING.SUBSCRIPTION.CANCELLED", "subscription", sub);
            }
            // Like PayPal, the event follows the answer rather than arriving in the middle of the caller's request.
            _ = Task.Run(async () =>
            {
                await Task.Delay(300);
                await EmitAsync(webhook);
            });
            return Results.NoContent();
        });
        app.MapGet("/webapps/billing/subscriptions", (string ba_token) => Results.Text($"<html><body>PayPal subscription approval {ba_token}</body></html>", "text/html"));
        app.MapGet("/checkoutnow", (string token) => Results.Text($"<html><body>PayPal approval for {token}</body></html>", "text/html"));
    }

    /// <summary>The buyer approves: the order becomes APPROVED, CHECKOUT.ORDER.APPROVED is sent, and the browser's return URL is returned.</summary>
    public async Task<string> ApproveAsync(string orderId)
    {
        FakeWebhook webhook;
        string returnUrl;
        lock (_gate)
        {
            var order = _orders[orderId];
            order["status"] = "APPROVED";
            webhook = Event("CHECKOUT.ORDER.APPROVED", "checkout-order", order);
            returnUrl = $"{order["return_url"]!.GetValue<string>()}?token={orderId}&PayerID=FAKEPAYER1";
        }
        await EmitAsync(webhook);
        return returnUrl;
    }

    /// <summary>Minor units refunded of a subscription's sale.</summary>
    public long SaleRefunded(string saleId)
    {
        lock (_gate)
            return _subscriptions.Values.SelectMany(s => (JsonArray?)s["sales"] ?? []).Single(t => t!["id"]!.GetValue<string>() == saleId)!["refunded"]?.GetValue<long>() ?? 0;
    }

    public JsonObject Subscription(string id)
    {
        lock (_gate) return (JsonObject)_subscriptions[id].DeepClone();
    }

    /// <summary>
    /// The buyer approves the subscription: it becomes ACTIVE, PayPal charges the first period (<c>BILLING.SUBSCRIPTION.ACTIVATED</c>,
    /// then <c>PAYMENT.SALE.COMPLETED</c> naming the subscription), and the browser's return URL is returned.
    /// </summary>
    public async Task<string> ApproveSubscriptionAsync(string subscriptionId)
    {
        FakeWebhook activated, sale;
        string returnUrl;
        lock (_gate)
        {
            var sub = _subscriptions[subscriptionId];
            sub["status"] = "ACTIVE";
            var now = Now();
            // A setup fee is charged on approval and the plan's charges begin at start_time; otherwise the first cycle is charged now.
            var setupFee = sub["plan"]?["payment_preferences"]?["setup_fee"];
            var start = sub["start_time"] is { } t ? DateTimeOffset.Parse(t.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : now;
            sub["start_time"] = start.ToString("O");
            sub["billing_info"]!["next_billing_time"] = (setupFee is null ? Advance(sub, now) : start).ToString("O");
            activated = Event("BILLING.SUBSCRIPTION.ACTIVATED", "subscription", sub);
            sale = Event("PAYMENT.SALE.COMPLETED", "sale", Sale(sub, setupFee));
            returnUrl = $"{sub["return_url"]!.GetValue<string>()}{(sub["return_url"]!.GetValue<string>().Contains('?') ? '&' : '?')}subscription_id={subscriptionId}&ba_token=BA-{subscriptionId[2..]}&token=EC-{subscriptionId[2..]}";
        }
        await EmitAsync(activated);
        await EmitAsync(sale);
        return returnUrl;
    }

    /// <summary>PayPal bills the next period: a sale of the subscription; the next billing time moves to <paramref name="nextBillingTime"/>. Returns the event.</summary>
    public async Task<FakeWebhook> RenewSubscriptionAsync(string subscriptionId, DateTimeOffset nextBillingTime)
    {
        FakeWebhook sale;
        lock (_gate)
        {
            var sub = _subscriptions[subscriptionId];
            sub["status"] = "ACTIVE";
            sub["billing_info"]!["next_billing_time"] = nextBillingTime.ToString("O");
            sub["billing_info"]!["failed_payments_count"] = 0;
            sale = Event("PAYMENT.SALE.COMPLETED", "sale", Sale(sub));
        }
        await EmitAsync(sale);
        return sale;
    }

    /// <summary>A charge of the subscription fails (<c>BILLING.SUBSCRIPTION.PAYMENT.FAILED</c>); at the plan's threshold PayPal suspends it too.</summary>
    public async Task FailSubscriptionPaymentAsync(string subscriptionId)
    {
        var events = new List<FakeWebhook>();
        lock (_gate)
        {
            var sub = _subscriptions[subscriptionId];
            var failed = sub["billing_info"]!["failed_payments_count"]!.GetValue<int>() + 1;
            sub["billing_info"]!["failed_payments_count"] = failed;
            events.Add(Event("BILLING.SUBSCRIPTION.PAYMENT.FAILED", "subscription", sub));
            var threshold = _plans[sub["plan_id"]!.GetValue<string>()]["payment_preferences"]?["payment_failure_threshold"]?.GetValue<int>() ?? 1;
            if (failed >= threshold)
            {
                sub["status"] = "SUSPENDED";
                events.Add(Event("BILLING.SUBSCRIPTION.SUSPENDED", "subscription", sub));
            }
        }
        foreach (var e in events) await EmitAsync(e);
    }

    /// <summary>The subscription ends at PayPal (cancelled by the buyer in their PayPal account, or expired).</summary>
    public async Task EndAtPayPalAsync(string subscriptionId, string type = "BILLING.SUBSCRIPTION.CANCELLED")
    {
        FakeWebhook webhook;
        lock (_gate)
        {
            var sub = _subscriptions[subscriptionId];
            sub["status"] = type == "BILLING.SUBSCRIPTION.EXPIRED" ? "EXPIRED" : "CANCELLED";
            webhook = Event(type, "subscription", sub);
        }
        await EmitAsync(webhook);
    }

    /// <summary>The same resource again as a new event (a new event id): PayPal reporting one sale twice.</summary>
    public async Task<FakeWebhook> ResendAsNewAsync(FakeWebhook webhook)
    {
        var id = "WH-" + NextId("");
        var copy = new FakeWebhook(id, webhook.Type, webhook.Body.Replace($"\"id\":\"{webhook.Id}\"", $"\"id\":\"{id}\"", StringComparison.Ordinal));
        await EmitAsync(copy);
        return copy;
    }

    private DateTimeOffset Advance(JsonObject sub, DateTimeOffset from)
    {
        var frequency = _plans[sub["plan_id"]!.GetValue<string>()]["billing_cycles"]![0]!["frequency"]!;
        var count = frequency["interval_count"]!.GetValue<int>();
        return frequency["interval_unit"]!.GetValue<string>() == "YEAR" ? from.AddYears(count) : from.AddMonths(count);
    }

    private JsonObject Sale(JsonObject sub, JsonNode? amount = null)
    {
        var plan = _plans[sub["plan_id"]!.GetValue<string>()];
        var price = amount ?? plan["billing_cycles"]![0]!["pricing_scheme"]!["fixed_price"]!;
        var id = NextId("SALE-");
        sub["billing_info"]!["last_payment"] = new JsonObject { ["amount"] = price.DeepClone(), ["time"] = Now().ToString("O") };
        // The subscription's transaction list, as GET …/transactions shows it.
        if (sub["sales"] is not JsonArray sales) sub["sales"] = sales = [];
        sales.Add(new JsonObject
        {
            ["id"] = id, ["status"] = "COMPLETED", ["time"] = Now().ToString("O"),
            ["amount_with_breakdown"] = new JsonObject { ["gross_amount"] = price.DeepClone() },
        });
        return new JsonObject
        {
            ["id"] = id, ["state"] = "completed",
            ["amount"] = new JsonObject { ["total"] = price["value"]!.DeepClone(), ["currency"] = price["currency_code"]!.DeepClone() },
            ["billing_agreement_id"] = sub["id"]!.DeepClone(), ["custom"] = sub["custom_id"]?.DeepClone(), ["create_time"] = Now().ToString("O"),
        };
    }

    private FakeWebhook Event(string type, string resourceType, JsonObject resource)
    {
        var body = new JsonObject
        {
            ["id"] = "WH-" + NextId(""), ["event_version"] = "1.0", ["create_time"] = Now().ToString("O"),
            ["resource_type"] = resourceType, ["resource_version"] = "2.0", ["event_type"] = type, ["summary"] = type,
            ["resource"] = resource.DeepClone(),
        };
        return new FakeWebhook(body["id"]!.GetValue<string>(), type, body.ToJsonString());
    }

    private async Task EmitAsync(FakeWebhook webhook)
    {
        if (HoldWebhooks)
        {
            lock (Held) Held.Add(webhook);
            return;
        }
        await DeliverAsync(webhook);
    }

    /// <summary>Signs like PayPal (RSA-SHA256 over id|time|webhook id|crc32 of the body) and posts; <paramref name="tamper"/> changes the body after signing.</summary>
    public async Task<int> DeliverAsync(FakeWebhook webhook, bool tamper = false)
    {
        var transmission = Guid.NewGuid().ToString();
        var time = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(webhook.Body);
        var crc = System.IO.Hashing.Crc32.HashToUInt32(bytes);
        var signature = Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes($"{transmission}|{time}|{WebhookId}|{crc}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        lock (_gate) _deliveries[transmission] = (webhook.Body, signature, time);
        var sent = tamper ? webhook.Body.Replace("\"summary\":", "\"summary\" :", StringComparison.Ordinal) : webhook.Body;
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl ?? throw new InvalidOperationException("No webhook URL."))
        {
            Content = new StringContent(sent, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("paypal-transmission-id", transmission);
        request.Headers.Add("paypal-transmission-time", time);
        request.Headers.Add("paypal-transmission-sig", signature);
        request.Headers.Add("paypal-cert-url", $"{BaseUrl}/v1/notifications/certs/CERT-FAKE");
        request.Headers.Add("paypal-auth-algo", "SHA256withRSA");
        using var response = await Webhooks.SendAsync(request);
        return (int)response.StatusCode;
    }

    private IResult? Replay(string requestId)
    {
        if (string.IsNullOrEmpty(requestId) || !_replies.TryGetValue(requestId, out var reply)) return null;
        // PayPal answers a repeated PayPal-Request-Id with the original result, 200 instead of 201.
        return Results.Content(reply.Body, "application/json", Encoding.UTF8, reply.Status == 201 ? 200 : reply.Status);
    }

    private IResult Reply(string requestId, int status, JsonObject body)
    {
        var text = body.ToJsonString();
        if (!string.IsNullOrEmpty(requestId)) _replies[requestId] = (status, text);
        return Results.Content(text, "application/json", Encoding.UTF8, status);
    }

    private static readonly HashSet<string> NoDecimals = ["JPY", "HUF", "TWD"];

    private static string? AmountIssue(JsonNode amount)
    {
        var value = amount["value"]!.GetValue<string>();
        var currency = amount["currency_code"]!.GetValue<string>();
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (NoDecimals.Contains(currency)) return dot >= 0 ? "DECIMALS_NOT_SUPPORTED" : null;
        return dot >= 0 && value.Length - dot - 1 > 2 ? "DECIMAL_PRECISION" : null;
    }

    /// <summary>PayPal's own view of an amount, in hundredths for decimal currencies and units for the others.</summary>
    private static long Minor(JsonNode amount)
    {
        var value = amount["value"]!.GetValue<string>();
        var parts = value.Split('.');
        var whole = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        if (NoDecimals.Contains(amount["currency_code"]!.GetValue<string>())) return whole;
        var fraction = parts.Length > 1 ? parts[1].PadRight(2, '0')[..2] : "00";
        return whole * 100 + long.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<JsonObject> Body(HttpRequest request)
    {
        var text = await new StreamReader(request.Body).ReadToEndAsync();
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text)!.AsObject();
    }

    private static IResult Issue(int status, string issue) => Results.Json(new
    {
        name = status switch { 404 => "RESOURCE_NOT_FOUND", 422 => "UNPROCESSABLE_ENTITY", _ => "INVALID_REQUEST" },
        message = issue,
        debug_id = "fake",
        details = new[] { new { issue, description = issue } },
    }, statusCode: status);
}
