using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.Testing;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Modules.Payments.Webhooks;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.IntegrationTests.Payments;

/// <summary>The sandbox webhook endpoint and the inbox processor, against a real order in the database.</summary>
public abstract class WebhookInboxTests : IAsyncLifetime
{
    protected const string Secret = "whsec_dm96ZXgtdGVzdC1zZWNyZXQtMjRieXRl";
    protected static readonly Dictionary<string, string?> Settings = new() { ["Vozex:Payments:Sandbox:WebhookSecret"] = Secret };

    private VozexAppFactory _app = null!;

    protected abstract Task<VozexAppFactory> CreateAppAsync();

    public async Task InitializeAsync() => _app = await CreateAppAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private async Task<Order> NewOrderAsync(long total = 12_345)
    {
        var now = DateTimeOffset.UtcNow;
        var order = new Order
        {
            Number = Order.NewNumber(),
            CustomerId = Guid.NewGuid(),
            CustomerEmail = "buyer@example.com",
            Currency = "USD",
            Subtotal = total,
            Total = total,
            Gateway = "sandbox",
            CreatedAt = now,
            ExpiresAt = now + Order.PaymentWindow,
        };
        await WithDb(async db => { db.Add(order); await db.SaveChangesAsync(); return 0; });
        return order;
    }

    private static string PaymentEvent(string type, Guid orderId, long amount, string paymentId, string currency = "USD") =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            business_id = "bus_test",
            type,
            timestamp = "2026-11-29T10:00:00Z",
            data = new { payload_type = "Payment", payment_id = paymentId, status = "x", total_amount = amount, currency, metadata = new { order_id = orderId } },
        });

    private async Task<HttpResponseMessage> PostAsync(string body, string? webhookId = null, long? timestamp = null, string? secret = Secret, string? signature = null)
    {
        webhookId ??= "msg_" + Guid.NewGuid().ToString("N");
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sandbox") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (signature is not null) request.Headers.Add("webhook-signature", signature);
        else if (secret is not null) request.Headers.Add("webhook-signature", StandardWebhookVerifier.SignatureHeader(secret, webhookId, ts, bytes));
        return await _app.CreateClient().SendAsync(request);
    }

    private async Task<WebhookInboxEntry> ProcessedAsync(string webhookId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var entry = await WithDb(db => db.Set<WebhookInboxEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.WebhookId == webhookId));
            if (entry is { Status: WorkStatus.Done or WorkStatus.Failed }) return entry;
            Assert.True(DateTime.UtcNow < deadline, $"Webhook {webhookId} was not processed in time (status {entry?.Status}).");
            await Task.Delay(50);
        }
    }

    private Task<Order> ReloadAsync(Guid id) => WithDb(db => db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == id));

    private Task<int> PaymentCountAsync(Guid orderId) => WithDb(db => db.Set<PaymentRecord>().CountAsync(p => p.OrderId == orderId));

    private Task<int> InboxCountAsync() => WithDb(db => db.Set<WebhookInboxEntry>().CountAsync());

    [Fact]
    public async Task Signed_payment_succeeded_marks_the_order_paid_and_records_the_payment()
    {
        var order = await NewOrderAsync();
        var response = await PostAsync(PaymentEvent("payment.succeeded", order.Id, order.Total, "pay_a"), "msg_paid_1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await ProcessedAsync("msg_paid_1");
        Assert.Equal(WorkStatus.Done, entry.Status);
        Assert.Equal(OrderStatus.Paid, (await ReloadAsync(order.Id)).Status);
        Assert.Equal(1, await PaymentCountAsync(order.Id));
    }

    [Fact]
    public async Task The_same_webhook_delivered_five_times_concurrently_pays_once()
    {
        var order = await NewOrderAsync();
        var body = PaymentEvent("payment.succeeded", order.Id, order.Total, "pay_dup");
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync(body, "msg_dup_1")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await ProcessedAsync("msg_dup_1");
        Assert.Equal(1, await WithDb(db => db.Set<WebhookInboxEntry>().CountAsync(e => e.WebhookId == "msg_dup_1")));
        Assert.Equal(1, await PaymentCountAsync(order.Id));
        Assert.Equal(OrderStatus.Paid, (await ReloadAsync(order.Id)).Status);
    }

    [Fact]
    public async Task The_same_payment_under_two_webhook_ids_is_recorded_once()
    {
        var order = await NewOrderAsync();
        var body = PaymentEvent("payment.succeeded", order.Id, order.Total, "pay_same");
        await PostAsync(body, "msg_same_1");
        await ProcessedAsync("msg_same_1");
        await PostAsync(body, "msg_same_2");
        var second = await ProcessedAsync("msg_same_2");

        Assert.Equal("payment already recorded", second.Outcome);
        Assert.Equal(1, await PaymentCountAsync(order.Id));
    }

    [Fact]
    public async Task A_payment_for_another_amount_does_not_pay_the_order()
    {
        var order = await NewOrderAsync(10_000);
        await PostAsync(PaymentEvent("payment.succeeded", order.Id, 100, "pay_low"), "msg_low");
        var entry = await ProcessedAsync("msg_low");

        Assert.Equal("payment amount_mismatch", entry.Outcome);
        Assert.Equal(OrderStatus.PendingPayment, (await ReloadAsync(order.Id)).Status);
    }

    [Fact]
    public async Task Payment_failed_marks_the_order_payment_failed_and_a_later_success_still_pays()
    {
        var order = await NewOrderAsync();
        await PostAsync(PaymentEvent("payment.failed", order.Id, order.Total, "pay_f1"), "msg_fail");
        await ProcessedAsync("msg_fail");
        Assert.Equal(OrderStatus.PaymentFailed, (await ReloadAsync(order.Id)).Status);

        await PostAsync(PaymentEvent("payment.succeeded", order.Id, order.Total, "pay_f2"), "msg_after_fail");
        await ProcessedAsync("msg_after_fail");
        Assert.Equal(OrderStatus.Paid, (await ReloadAsync(order.Id)).Status);
    }

    [Fact]
    public async Task A_late_failure_after_payment_changes_nothing()
    {
        var order = await NewOrderAsync();
        await PostAsync(PaymentEvent("payment.succeeded", order.Id, order.Total, "pay_ok"), "msg_ok");
        await ProcessedAsync("msg_ok");
        await PostAsync(PaymentEvent("payment.failed", order.Id, order.Total, "pay_old"), "msg_late_fail");
        await ProcessedAsync("msg_late_fail");
        Assert.Equal(OrderStatus.Paid, (await ReloadAsync(order.Id)).Status);
    }

    [Fact]
    public async Task Unknown_event_types_are_stored_and_acknowledged()
    {
        var response = await PostAsync("""{"type":"payout.created","data":{"payload_type":"Payout"}}""", "msg_unknown");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await ProcessedAsync("msg_unknown");
        Assert.Equal("payout.created", entry.EventType);
        Assert.Equal("no handler for this event type", entry.Outcome);
    }

    [Fact]
    public async Task Forged_unsigned_and_stale_webhooks_are_401_and_store_nothing()
    {
        var order = await NewOrderAsync();
        var body = PaymentEvent("payment.succeeded", order.Id, order.Total, "pay_x");
        var forged = await PostAsync(body, secret: "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX");
        var unsigned = await PostAsync(body, secret: null);
        var stale = await PostAsync(body, timestamp: DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds());
        var future = await PostAsync(body, timestamp: DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeSeconds());
        var garbage = await PostAsync(body, signature: "v1,bm90IGEgc2lnbmF0dXJl");

        foreach (var response in new[] { forged, unsigned, stale, future, garbage })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(0, await InboxCountAsync());
        Assert.Equal(OrderStatus.PendingPayment, (await ReloadAsync(order.Id)).Status);
    }

    [Fact]
    public async Task A_signed_body_that_is_not_json_is_a_400()
    {
        var response = await PostAsync("not json at all", "msg_not_json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }
}

public sealed class SqliteWebhookInboxTests : WebhookInboxTests
{
    protected override Task<VozexAppFactory> CreateAppAsync() => Task.FromResult(VozexAppFactory.Sqlite(Settings));
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresWebhookInboxTests(PostgresCluster cluster) : WebhookInboxTests
{
    protected override Task<VozexAppFactory> CreateAppAsync() => cluster.NewAppAsync(Settings);
}
