using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.IntegrationTests.Accounts;
using Vozex.IntegrationTests.Fakes;
using Vozex.Testing;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Modules.Payments.Reconciliation;
using Vozex.Web.Modules.Payments.Refunds;

namespace Vozex.IntegrationTests.Payments;

/// <summary>Dodo Payments end to end against the loopback fake: our real client, webhooks back over HTTP, the inbox, refunds.</summary>
public abstract class DodoPaymentsGatewayTests : GatewayTestApp
{
    private List<Web.Modules.Checkout.Contracts.OrderItemsRefunded> Distinct(Guid orderId)
    {
        lock (Refunds.Events)
            return Refunds.Events.Where(e => e.OrderId == orderId)
                .DistinctBy(e => (e.Amount, e.FullyRefunded, string.Join(",", e.Items.Select(i => i.OrderItemId)))).ToList();
    }

    private Task<int> PaymentsOf(Guid orderId) => WithDb(db => db.Set<PaymentRecord>().CountAsync(p => p.OrderId == orderId));

    [Fact]
    public async Task Paying_at_Dodo_marks_the_order_paid_once_with_products_created_for_one_time_and_recurring_items()
    {
        var placed = await CheckoutAsync("dodo_payments", SelfHostedItem(), SaasItem());
        Assert.StartsWith(Dodo.BaseUrl + "/session/cks_", placed.CheckoutUrl);

        await Dodo.PayAsync(placed.SessionId);

        var order = await WaitForAsync(placed.OrderId, OrderStatus.Paid);
        Assert.Equal(placed.Total, order.Total);
        Assert.Equal(1, await PaymentsOf(placed.OrderId));
        Assert.Equal(2, Dodo.ProductCount);
        var created = Dodo.Requests.Where(r => r.Path == "/products").Select(r => JsonNode.Parse(r.Body)!["price"]!).ToList();
        Assert.Contains(created, p => p["type"]!.GetValue<string>() == "one_time_price" && p["pay_what_you_want"]!.GetValue<bool>());
        Assert.Contains(created, p => p["type"]!.GetValue<string>() == "recurring_price" && p["payment_frequency_interval"]!.GetValue<string>() == "Year");
        Assert.All(Dodo.Requests, r => Assert.Equal($"Bearer {FakeDodoPayments.ApiKey}", r.Authorization));
    }

    [Fact]
    public async Task A_second_order_of_the_same_products_reuses_the_Dodo_products()
    {
        await CheckoutAsync("dodo_payments", SelfHostedItem());
        await CheckoutAsync("dodo_payments", SelfHostedItem());
        Assert.Equal(1, Dodo.Count("POST", "/products"));
        Assert.Equal(2, Dodo.Count("POST", "/checkouts"));
    }

    [Fact]
    public async Task A_declined_payment_at_Dodo_makes_the_order_payment_failed()
    {
        var placed = await CheckoutAsync("dodo_payments", SelfHostedItem());
        await Dodo.DeclineAsync(placed.SessionId);
        var order = await WaitForAsync(placed.OrderId, OrderStatus.PaymentFailed);
        Assert.Equal("The card was declined.", order.FailureReason);
        Assert.Equal(0, await PaymentsOf(placed.OrderId));
    }

    [Fact]
    public async Task During_a_secret_rotation_two_signatures_verify_in_either_order_and_only_old_ones_are_refused()
    {
        var placed = await CheckoutAsync("dodo_payments", SelfHostedItem());
        Dodo.HoldWebhooks = true;
        await Dodo.PayAsync(placed.SessionId);
        var webhook = Dodo.Held.Single();

        Assert.Equal(401, await Dodo.DeliverAsync(webhook, secrets: [FakeDodoPayments.OldSecret]));
        Assert.Equal(200, await Dodo.DeliverAsync(webhook, secrets: [FakeDodoPayments.OldSecret, FakeDodoPayments.Secret]));
        Assert.Equal(200, await Dodo.DeliverAsync(webhook, secrets: [FakeDodoPayments.Secret, FakeDodoPayments.OldSecret]));

        await WaitForAsync(placed.OrderId, OrderStatus.Paid);
        Assert.Equal(1, await WithDb(db => db.Set<WebhookInboxEntry>().CountAsync(e => e.WebhookId == webhook.Id)));
        var health = await (await AdminAsync()).GetFromJsonAsync<JsonElement>("/api/v1/admin/gateways/health");
        var dodo = health.GetProperty("items").EnumerateArray().Single(g => g.GetProperty("gateway").GetString() == "dodo_payments");
        Assert.Equal(1, dodo.GetProperty("webhook_verification_failures").GetInt64());
    }

    [Fact]
    public async Task The_same_events_five_times_concurrently_and_refund_before_payment_have_one_effect_each()
    {
        var placed = await CheckoutAsync("dodo_payments", SelfHostedItem());
        Dodo.HoldWebhooks = true;
        await Dodo.PayAsync(placed.SessionId);
        await Dodo.RefundAtDashboardAsync(Dodo.PaymentIdOf(placed.SessionId), placed.Total);
        var paid = Dodo.Held.Single(w => w.Type == "payment.succeeded");
        var refunded = Dodo.Held.Single(w => w.Type == "refund.succeeded");

        // The refund arrives first, five times at once; then the payment, five times at once.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Dodo.DeliverAsync(refunded)));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Dodo.DeliverAsync(paid)));

        var order = await WaitForAsync(placed.OrderId, OrderStatus.Refunded);
        Assert.Equal(placed.Total, order.RefundedAmount);
        Assert.Equal(1, await PaymentsOf(placed.OrderId));
        Assert.Equal(1, await WithDb(db => db.Set<RefundRecord>().CountAsync(r => r.OrderId == placed.OrderId)));
        Assert.Equal(2, await WithDb(db => db.Set<WebhookInboxEntry>().CountAsync()));
        Assert.Single(Distinct(placed.OrderId), e => e.FullyRefunded);
    }

    [Fact]
    public async Task A_lost_webhook_is_made_good_by_reconciliation()
    {
        var placed = await CheckoutAsync("dodo_payments", SelfHostedItem());
        Dodo.HoldWebhooks = true; // the webhook is never delivered
        await Dodo.PayAsync(placed.SessionId);
        await WithDb(db => db.Set<Order>().Where(o => o.Id == placed.OrderId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-10))));

        await App.Services.GetRequiredService<ReconciliationSweeper>().SweepAsync(CancellationToken.None);

        var order = await OrderAsync(placed.OrderId);
        Assert.True(OrderStateMachine.IsPaid(order.Status), order.Status.ToString());
        Assert.Equal(1, await PaymentsOf(placed.OrderId));
        Assert.Equal(1, await WithDb(db => db.Set<ReconciliationCheck>().CountAsync(c => c.OrderId == placed.OrderId)));

        // The webhook turning up late changes nothing.
        Dodo.HoldWebhooks = false;
        await Dodo.DeliverAsync(Dodo.Held.Single());
        await InboxSettledAsync();
        Assert.Equal(1, await PaymentsOf(placed.OrderId));
    }

    [Fact]
    public async Task An_admin_recheck_applies_what_Dodo_says()
    {
        var placed = await CheckoutAsync("dodo_payments", SelfHostedItem());
        Dodo.HoldWebhooks = true;
        await Dodo.PayAsync(placed.SessionId);
        var admin = await AdminAsync();

        var response = await admin.PostAsync($"/api/v1/admin/orders/{placed.OrderId}/recheck", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("payment applied", body.GetProperty("outcome").GetString());
        Assert.True(OrderStateMachine.IsPaid((await OrderAsync(placed.OrderId)).Status));
        Assert.Equal(403, (int)(await placed.Customer.PostAsync($"/api/v1/admin/orders/{placed.OrderId}/recheck", null)).StatusCode);
    }

    [Fact]
    public async Task An_admin_refunds_one_item_then_the_rest_and_the_order_follows_the_confirmations()
    {
        var placed = await CheckoutAsync("dodo_payments", SelfHostedItem(), ServiceItem());
        await Dodo.PayAsync(placed.SessionId);
        var order = await WaitForAsync(placed.OrderId, OrderStatus.Paid);
        var first = order.Items.OrderBy(i => i.Position).First();
        var admin = await AdminAsync();

        var partial = await admin.PostAsJsonAsync($"/api/v1/admin/orders/{placed.OrderId}/refunds", new { items = new[] { first.Id }, reason = "wrong license" });
        Assert.Equal(HttpStatusCode.Accepted, partial.StatusCode);
        order = await WaitForAsync(placed.OrderId, OrderStatus.PartiallyRefunded);
        Assert.Equal(first.Total, order.RefundedAmount);
        Assert.NotNull(order.Items.Single(i => i.Id == first.Id).RefundedAt);

        var again = await admin.PostAsJsonAsync($"/api/v1/admin/orders/{placed.OrderId}/refunds", new { items = new[] { first.Id }, reason = "twice" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        var rest = await admin.PostAsJsonAsync($"/api/v1/admin/orders/{placed.OrderId}/refunds", new { reason = "customer left" });
        Assert.Equal(HttpStatusCode.Accepted, rest.StatusCode);
        order = await WaitForAsync(placed.OrderId, OrderStatus.Refunded);
        Assert.Equal(order.Total, order.RefundedAmount);
        Assert.Equal(2, Dodo.RefundCount(Dodo.PaymentIdOf(placed.SessionId)));

        // Dodo was told which product the partial refund was for.
        var partialBody = JsonNode.Parse(Dodo.Requests.First(r => r.Method == "POST" && r.Path == "/refunds").Body)!;
        Assert.Equal(first.Total, partialBody["items"]![0]!["amount"]!.GetValue<long>());
        // The refund contract told the delivering modules which items are gone. An observer may be called again when a
        // unit of work loses a race and is retried (its database changes roll back with it), so distinct events count.
        var events = Distinct(placed.OrderId);
        Assert.Equal(2, events.Count);
        Assert.Equal([first.Id], events[0].Items.Select(i => i.OrderItemId));
        Assert.True(events[1].FullyRefunded);
        // Each refund sent to the gateway is in the audit log (the invalid request above never got that far).
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit-log?action=order.refund&target_id={placed.OrderId}");
        Assert.Equal(2, audit.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(FaultKind.ProcessThenServerError)]
    [InlineData(FaultKind.ProcessThenHang)]
    [InlineData(FaultKind.ServerError)]
    [InlineData(FaultKind.RateLimited)]
    [InlineData(FaultKind.Hang)]
    public async Task A_refund_whose_answer_is_lost_or_refused_for_a_while_is_made_exactly_once(FaultKind fault)
    {
        var placed = await CheckoutAsync("dodo_payments", SelfHostedItem());
        await Dodo.PayAsync(placed.SessionId);
        await WaitForAsync(placed.OrderId, OrderStatus.Paid);
        Dodo.Inject("POST", "/refunds", fault);
        Dodo.Inject("GET", "/payments/", FaultKind.RateLimited);

        var response = await (await AdminAsync()).PostAsJsonAsync($"/api/v1/admin/orders/{placed.OrderId}/refunds", new { reason = "faulty gateway" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitForAsync(placed.OrderId, OrderStatus.Refunded);
        Assert.Equal(1, Dodo.RefundCount(Dodo.PaymentIdOf(placed.SessionId)));
        var refund = await WithDb(db => db.Set<RefundRecord>().SingleAsync(r => r.OrderId == placed.OrderId));
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
    }

    [Fact]
    public async Task Checkout_creation_is_retried_after_a_429_and_a_500()
    {
        await CheckoutAsync("dodo_payments", SelfHostedItem()); // products exist now
        Dodo.Inject("POST", "/checkouts", FaultKind.RateLimited);
        Dodo.Inject("POST", "/checkouts", FaultKind.ServerError);
        var placed = await CheckoutAsync("dodo_payments", SelfHostedItem());
        Assert.StartsWith(Dodo.BaseUrl, placed.CheckoutUrl);
        Assert.Equal(4, Dodo.Count("POST", "/checkouts"));
    }

    [Fact]
    public async Task When_Dodo_keeps_failing_checkout_answers_503_with_Retry_After_and_the_same_Idempotency_Key_opens_the_kept_order_later()
    {
        await CheckoutAsync("dodo_payments", SelfHostedItem()); // products exist now
        var customer = await CustomerAsync();
        HttpRequestMessage Checkout()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = JsonContent.Create(new { items = new[] { SelfHostedItem() }, payment_gateway = "dodo_payments" }) };
            request.Headers.Add("Idempotency-Key", "dodo-down-1");
            return request;
        }
        Dodo.Inject("POST", "/checkouts", FaultKind.ServerError, times: 3); // the first attempt and both retries

        var down = await customer.SendAsync(Checkout());
        var problem = await down.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Dodo Payments is not answering", problem.GetProperty("title").GetString());
        Assert.Contains("order is kept", problem.GetProperty("detail").GetString());
        Assert.Equal(TimeSpan.FromMinutes(1), down.Headers.RetryAfter?.Delta);

        var retried = await customer.SendAsync(Checkout());
        Assert.True(retried.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)retried.StatusCode}: {await retried.Content.ReadAsStringAsync()}");
        var body = await retried.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith(Dodo.BaseUrl, body.GetProperty("checkout_url").GetString());
        var orderId = Guid.Parse(body.GetProperty("order_id").GetString()!);
        Assert.Equal(1, await WithDb(db => db.Set<Order>().CountAsync(o => o.IdempotencyKey == "dodo-down-1" && o.Id == orderId)));
    }

    [Fact]
    public async Task Gateway_health_shows_failures_latency_and_readiness_reports_the_failing_gateway()
    {
        var placed = await CheckoutAsync("dodo_payments", SelfHostedItem());
        var admin = await AdminAsync();
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/gateways/health")).GetProperty("items").EnumerateArray()
            .Single(g => g.GetProperty("gateway").GetString() == "dodo_payments");
        Assert.Equal(1.0, before.GetProperty("success_rate").GetDouble());
        Assert.True(before.GetProperty("latency_ms").GetProperty("p95").GetInt64() >= before.GetProperty("latency_ms").GetProperty("p50").GetInt64());

        Dodo.Inject("GET", "/checkouts/", FaultKind.ServerError, times: 9);
        for (var i = 0; i < 3; i++)
            await admin.PostAsync($"/api/v1/admin/orders/{placed.OrderId}/recheck", null);

        var after = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/gateways/health")).GetProperty("items").EnumerateArray()
            .Single(g => g.GetProperty("gateway").GetString() == "dodo_payments");
        Assert.True(after.GetProperty("success_rate").GetDouble() < 0.5, after.ToString());
        Assert.Equal(9, after.GetProperty("recent_failures").GetInt32());
        Assert.Contains("GET /checkouts/", after.GetProperty("last_error").GetString());
        Assert.Equal(JsonValueKind.String, after.GetProperty("last_error_at").ValueKind);

        var ready = await NewClient().GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("degraded", ready.GetProperty("checks").GetProperty("gateways").GetProperty("status").GetString());
        Assert.Contains("dodo_payments", ready.GetProperty("checks").GetProperty("gateways").GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_webhook_inbox_is_listed_for_admins_and_a_replay_changes_nothing_twice()
    {
        var placed = await CheckoutAsync("dodo_payments", SelfHostedItem());
        await Dodo.PayAsync(placed.SessionId);
        await WaitForAsync(placed.OrderId, OrderStatus.Paid);
        await Dodo.EmitEventAsync("dispute.opened", "Dispute", new JsonObject
        {
            ["dispute_id"] = "dsp_1", ["payment_id"] = Dodo.PaymentIdOf(placed.SessionId), ["amount"] = "10.00", ["currency"] = "USD", ["dispute_status"] = "dispute_opened",
        });
        await Dodo.EmitEventAsync("subscription.paused", "Subscription", new JsonObject { ["subscription_id"] = "sub_1", ["status"] = "paused" });
        await InboxSettledAsync();
        var admin = await AdminAsync();

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/webhooks?gateway=dodo_payments&status=done&page_size=10");
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("event_type").GetString() == "dispute.opened" && i.GetProperty("outcome").GetString() == "dispute recorded");
        Assert.Contains(items, i => i.GetProperty("outcome").GetString() == "subscription event acknowledged");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/admin/webhooks?status=bogus")).StatusCode);

        var payment = items.Single(i => i.GetProperty("event_type").GetString() == "payment.succeeded");
        var replay = await admin.PostAsync($"/api/v1/admin/webhooks/{payment.GetProperty("id").GetInt64()}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await InboxSettledAsync();
        var replayed = await WithDb(db => db.Set<WebhookInboxEntry>().AsNoTracking().SingleAsync(e => e.Id == payment.GetProperty("id").GetInt64()));
        Assert.Equal("payment already recorded", replayed.Outcome);
        Assert.Equal(1, await PaymentsOf(placed.OrderId));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/admin/webhooks/999999/replay", null)).StatusCode);
    }
}

public sealed class SqliteDodoPaymentsGatewayTests : DodoPaymentsGatewayTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(Dictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDodoPaymentsGatewayTests(PostgresCluster cluster) : DodoPaymentsGatewayTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(Dictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
