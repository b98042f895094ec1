using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vozex.IntegrationTests.Fakes;
using Vozex.Testing;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Payments.Inbox;

namespace Vozex.IntegrationTests.Payments;

/// <summary>PayPal end to end against the loopback fake: OAuth, Orders v2, capture on return and on webhook, refunds, postback verification.</summary>
public abstract class PayPalGatewayTests : GatewayTestApp
{
    private Task<int> PaymentsOf(Guid orderId) => WithDb(db => db.Set<PaymentRecord>().CountAsync(p => p.OrderId == orderId));

    [Fact]
    public async Task The_checkout_url_is_PayPals_approval_link_and_the_order_is_created_with_a_request_id_and_decimal_strings()
    {
        var placed = await CheckoutAsync("paypal", SelfHostedItem(), ServiceItem());
        Assert.Equal($"{PayPal.BaseUrl}/checkoutnow?token={placed.SessionId}", placed.CheckoutUrl);
        var create = PayPal.Requests.Single(r => r.Path == "/v2/checkout/orders");
        Assert.StartsWith("vozex-order-", create.RequestId);
        Assert.StartsWith("Bearer ", create.Authorization);
        var amount = JsonNode.Parse(create.Body)!["purchase_units"]![0]!["amount"]!;
        Assert.Equal(placed.Total, long.Parse(amount["value"]!.GetValue<string>().Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches(@"^\d+\.\d{2}$", amount["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Capture_on_return_and_on_the_approval_webhook_at_once_captures_and_pays_once()
    {
        var placed = await CheckoutAsync("paypal", SelfHostedItem());
        PayPal.HoldWebhooks = true;
        var returnUrl = await PayPal.ApproveAsync(placed.SessionId);
        var approved = PayPal.Held.Single(w => w.Type == "CHECKOUT.ORDER.APPROVED");
        Assert.StartsWith(Base.ToString().TrimEnd('/') + "/payments/paypal/return?token=", returnUrl);

        var browser = NewClient();
        var results = await Task.WhenAll(
            browser.GetAsync(returnUrl).ContinueWith(t => (int)t.Result.StatusCode),
            PayPal.DeliverAsync(approved),
            PayPal.DeliverAsync(approved));
        Assert.Equal(302, results[0]);
        Assert.Equal(200, results[1]);

        await WaitForAsync(placed.OrderId, OrderStatus.Paid);
        await InboxSettledAsync();
        // The capture's own webhook arrives too and changes nothing.
        foreach (var held in PayPal.Held.Where(w => w.Type == "PAYMENT.CAPTURE.COMPLETED").ToList())
            await PayPal.DeliverAsync(held);
        await InboxSettledAsync();

        Assert.Equal(1, PayPal.CapturesOf(placed.SessionId));
        Assert.Equal(1, await PaymentsOf(placed.OrderId));
        var payment = await WithDb(db => db.Set<PaymentRecord>().SingleAsync(p => p.OrderId == placed.OrderId));
        Assert.Equal(PayPal.CaptureIdOf(placed.SessionId), payment.GatewayPaymentId);
        Assert.Equal(placed.Total, payment.Amount);
    }

    [Fact]
    public async Task A_declined_capture_under_a_COMPLETED_order_does_not_pay_the_order()
    {
        var placed = await CheckoutAsync("paypal", SelfHostedItem());
        PayPal.HoldWebhooks = true;
        PayPal.NextCaptureStatus = "DECLINED";
        var returnUrl = await PayPal.ApproveAsync(placed.SessionId);

        var response = await NewClient().GetAsync(returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var order = await OrderAsync(placed.OrderId);
        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Equal(0, await PaymentsOf(placed.OrderId));
        Assert.Equal("COMPLETED", PayPal.OrderStatusOf(placed.SessionId));
        Assert.Equal(1, PayPal.CapturesOf(placed.SessionId));
    }

    [Fact]
    public async Task A_forged_return_url_never_pays_an_order()
    {
        var placed = await CheckoutAsync("paypal", SelfHostedItem());
        var response = await NewClient().GetAsync($"/payments/paypal/return?token={placed.SessionId}&PayerID=FORGED");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(OrderStatus.PendingPayment, (await OrderAsync(placed.OrderId)).Status);
        Assert.Equal(0, PayPal.CapturesOf(placed.SessionId));
    }

    [Fact]
    public async Task A_revoked_token_is_refreshed_once_and_the_call_succeeds()
    {
        await CheckoutAsync("paypal", SelfHostedItem());
        Assert.Equal(1, PayPal.TokensIssued);
        PayPal.RevokeTokens();

        var placed = await CheckoutAsync("paypal", SelfHostedItem());

        Assert.StartsWith(PayPal.BaseUrl, placed.CheckoutUrl);
        Assert.Equal(2, PayPal.TokensIssued);
        Assert.Equal(3, PayPal.Count("POST", "/v2/checkout/orders")); // one refused with 401, resent with the new token
    }

    [Fact]
    public async Task Order_creation_is_retried_after_429_and_500_with_the_same_request_id_and_makes_one_order()
    {
        PayPal.Inject("POST", "/v2/checkout/orders", FaultKind.RateLimited);
        PayPal.Inject("POST", "/v2/checkout/orders", FaultKind.ProcessThenServerError);
        var placed = await CheckoutAsync("paypal", SelfHostedItem());

        var creates = PayPal.Requests.Where(r => r.Path == "/v2/checkout/orders").ToList();
        Assert.Equal(3, creates.Count);
        Assert.Single(creates.Select(r => r.RequestId).Distinct());
        Assert.Equal($"{PayPal.BaseUrl}/checkoutnow?token={placed.SessionId}", placed.CheckoutUrl);
    }

    [Theory]
    [InlineData(FaultKind.ProcessThenServerError)]
    [InlineData(FaultKind.ProcessThenHang)]
    [InlineData(FaultKind.RateLimited)]
    public async Task A_refund_whose_answer_is_lost_is_resent_with_its_request_id_and_made_once(FaultKind fault)
    {
        var placed = await CheckoutAsync("paypal", SelfHostedItem());
        var returnUrl = await PayPal.ApproveAsync(placed.SessionId);
        await NewClient().GetAsync(returnUrl);
        await WaitForAsync(placed.OrderId, OrderStatus.Paid);
        var captureId = PayPal.CaptureIdOf(placed.SessionId);
        PayPal.Inject("POST", $"/v2/payments/captures/{captureId}/refund", fault);

        var response = await (await AdminAsync()).PostAsJsonAsync($"/api/v1/admin/orders/{placed.OrderId}/refunds", new { reason = "changed mind" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var order = await WaitForAsync(placed.OrderId, OrderStatus.Refunded);
        Assert.Equal(order.Total, order.RefundedAmount);
        Assert.Equal(1, PayPal.RefundsOf(captureId));
        await InboxSettledAsync();
        Assert.Equal(1, (await WithDb(db => db.Set<Web.Modules.Payments.Refunds.RefundRecord>().CountAsync(r => r.OrderId == placed.OrderId))));
    }

    [Fact]
    public async Task A_tampered_webhook_is_refused_and_counted_and_a_genuine_one_is_stored_once()
    {
        var placed = await CheckoutAsync("paypal", SelfHostedItem());
        PayPal.HoldWebhooks = true;
        await PayPal.ApproveAsync(placed.SessionId);
        var approved = PayPal.Held.Single();

        Assert.Equal(401, await PayPal.DeliverAsync(approved, tamper: true));
        Assert.Equal(200, await PayPal.DeliverAsync(approved));
        Assert.Equal(200, await PayPal.DeliverAsync(approved));

        await WaitForAsync(placed.OrderId, OrderStatus.Paid);
        Assert.Equal(1, await WithDb(db => db.Set<WebhookInboxEntry>().CountAsync(e => e.Gateway == "paypal" && e.WebhookId == approved.Id)));
        var health = await (await AdminAsync()).GetFromJsonAsync<JsonElement>("/api/v1/admin/gateways/health");
        var paypal = health.GetProperty("items").EnumerateArray().Single(g => g.GetProperty("gateway").GetString() == "paypal");
        Assert.Equal(1, paypal.GetProperty("webhook_verification_failures").GetInt64());
        Assert.True(paypal.GetProperty("configured").GetBoolean());
    }

    [Fact]
    public async Task An_approved_order_whose_buyer_never_returned_is_captured_by_reconciliation()
    {
        var placed = await CheckoutAsync("paypal", SelfHostedItem());
        PayPal.HoldWebhooks = true;
        await PayPal.ApproveAsync(placed.SessionId); // no return, webhook lost
        var admin = await AdminAsync();

        var response = await admin.PostAsync($"/api/v1/admin/orders/{placed.OrderId}/recheck", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(OrderStateMachine.IsPaid((await OrderAsync(placed.OrderId)).Status));
        Assert.Equal(1, PayPal.CapturesOf(placed.SessionId));
    }
}

public sealed class SqlitePayPalGatewayTests : PayPalGatewayTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(Dictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresPayPalGatewayTests(PostgresCluster cluster) : PayPalGatewayTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(Dictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
