using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vozex.IntegrationTests.Accounts;
using Vozex.IntegrationTests.Checkout;
using Vozex.IntegrationTests.Fakes;
using Vozex.Testing;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Notifications.Outbox;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Modules.Payments.Refunds;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.IntegrationTests.Subscriptions;

/// <summary>
/// SaaS subscriptions that Dodo Payments and PayPal bill themselves (issue 11 item 7): the app on Kestrel with simulated
/// time, both gateways as loopback fakes that keep subscriptions and send signed webhooks, and every effect awaited in the
/// database the app writes.
/// </summary>
public abstract class GatewaySubscriptionTests : IAsyncLifetime
{
    private const string Product = "harborstay-hotel-pms";

    private VozexAppFactory _app = null!;
    private SandboxPurchases _shop = null!;
    protected FakeDodoPayments Dodo { get; private set; } = null!;
    protected FakePayPal PayPal { get; private set; } = null!;
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour), TimeSpan.Zero));

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    public async Task InitializeAsync()
    {
        Dodo = await FakeDodoPayments.StartNewAsync();
        Dodo.Now = Clock.GetUtcNow;
        PayPal = await FakePayPal.StartNewAsync();
        PayPal.Now = Clock.GetUtcNow;
        _app = (await CreateAppAsync(new Dictionary<string, string?>
        {
            ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.100",
            ["Vozex:Subscriptions:IdlePoll"] = "00:00:00.100",
            ["Vozex:Payments:DodoPayments:BaseUrl"] = Dodo.BaseUrl,
            ["Vozex:Payments:DodoPayments:ApiKey"] = FakeDodoPayments.ApiKey,
            ["Vozex:Payments:DodoPayments:WebhookSecret"] = FakeDodoPayments.Secret,
            ["Vozex:Payments:DodoPayments:AttemptTimeout"] = "00:00:05",
            ["Vozex:Payments:DodoPayments:RetryDelay"] = "00:00:00.050",
            ["Vozex:Payments:PayPal:BaseUrl"] = PayPal.BaseUrl,
            ["Vozex:Payments:PayPal:ClientId"] = FakePayPal.ClientId,
            ["Vozex:Payments:PayPal:ClientSecret"] = FakePayPal.ClientSecret,
            ["Vozex:Payments:PayPal:WebhookId"] = FakePayPal.WebhookId,
            ["Vozex:Payments:PayPal:AttemptTimeout"] = "00:00:05",
            ["Vozex:Payments:PayPal:RetryDelay"] = "00:00:00.050",
            ["Vozex:Payments:Reconciliation:Interval"] = "01:00:00",
        })).WithServices(s => s.AddSingleton<TimeProvider>(new SimulatedNow(Clock)));
        _app.UseKestrel(0);
        _app.StartServer();
        _shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);
        Dodo.WebhookUrl = new Uri(_app.ClientOptions.BaseAddress, "/webhooks/dodo-payments").ToString();
        PayPal.WebhookUrl = new Uri(_app.ClientOptions.BaseAddress, "/webhooks/paypal").ToString();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (Dodo is not null) await Dodo.DisposeAsync();
        if (PayPal is not null) await PayPal.DisposeAsync();
    }

    protected sealed record Bought(string Email, Guid TenantId, Guid OrderId, long SubscriptionId, string GatewaySubscriptionId);

    protected async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    protected async Task<HttpClient> CustomerAsync(Bought bought) =>
        _shop.NewClient((await _shop.NewClient().LoginOkAsync(bought.Email)).AccessToken());

    /// <summary>Signs up, checks out one monthly SaaS item with <paramref name="gateway"/>, and returns the placed order and its session.</summary>
    protected async Task<(string Email, Guid OrderId, string SessionId, string CheckoutUrl)> PlaceAsync(string gateway, string plan = "basic", string cycle = "monthly")
    {
        var email = AccountsTestClient.NewEmail();
        var customer = _shop.NewClient((await _shop.NewClient().SignUpAndLoginAsync(email, name: "Harbor Inn")).AccessToken());
        var response = await customer.PostAsJsonAsync("/api/v1/checkout", new
        {
            items = new[]
            {
                new { product_slug = Product, configuration = new { plan, features = Array.Empty<string>(), billing_cycle = cycle, subdomain = $"g{Guid.NewGuid():N}"[..14] } },
            },
            payment_gateway = gateway,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var orderId = Guid.Parse(body.GetProperty("order_id").GetString()!);
        var session = await WithDb(db => db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => o.GatewaySessionId).SingleAsync());
        return (email, orderId, session!, body.GetProperty("checkout_url").GetString()!);
    }

    /// <summary>Waits for the order's subscription to start with the gateway's subscription recorded on it.</summary>
    protected async Task<Bought> SubscribedAsync(string email, Guid orderId, string gatewaySubscriptionId)
    {
        var s = await WaitForAsync(db => db.Set<Subscription>().AsNoTracking().FirstOrDefaultAsync(x => x.OrderId == orderId),
            x => x is { GatewaySubscriptionId: not null }, "a subscription with the gateway's reference", seconds: 180);
        Assert.Equal(gatewaySubscriptionId, s!.GatewaySubscriptionId);
        return new Bought(email, s.TenantId, orderId, s.Id, gatewaySubscriptionId);
    }

    protected Task<Subscription> SubscriptionAsync(Bought bought) =>
        WithDb(db => db.Set<Subscription>().AsNoTracking().SingleAsync(s => s.Id == bought.SubscriptionId));

    private protected Task<Tenant> TenantAsync(Bought bought) =>
        WithDb(db => db.Set<Tenant>().AsNoTracking().SingleAsync(t => t.Id == bought.TenantId));

    protected async Task<T> WaitForAsync<T>(Func<MarketplaceDbContext, Task<T>> read, Func<T, bool> done, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await WithDb(read);
            if (done(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, $"Never reached {what}: {JsonSerializer.Serialize(value)}");
            await Task.Delay(50);
        }
    }

    protected Task<Subscription> WaitForSubscriptionAsync(Bought bought, Func<Subscription, bool> done, string what) =>
        WaitForAsync(db => db.Set<Subscription>().AsNoTracking().SingleAsync(s => s.Id == bought.SubscriptionId), done, what);

    private protected Task<Tenant> WaitForTenantAsync(Bought bought, TenantStatus status) =>
        WaitForAsync(db => db.Set<Tenant>().AsNoTracking().SingleAsync(t => t.Id == bought.TenantId), t => t.Status == status, $"the tenant {status}");

    /// <summary>Moves the clock to <paramref name="at"/> and waits until the subscription's clock has nothing due.</summary>
    protected async Task<Subscription> MoveClockAsync(Bought bought, DateTimeOffset at, Func<Subscription, bool> done, string what)
    {
        Clock.SetUtcNow(at);
        return await WaitForSubscriptionAsync(bought, s => done(s) && s.NextAttemptAt > at && s.LeaseOwner == null, what);
    }

    /// <summary>Waits until every stored webhook is processed (done or failed for good).</summary>
    protected async Task InboxSettledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await WithDb(db => db.Set<WebhookInboxEntry>().AnyAsync(e => e.Status == WorkStatus.Pending || e.Status == WorkStatus.Retrying)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The inbox did not settle.");
            await Task.Delay(50);
        }
    }

    protected Task<List<Order>> OrdersAsync(Bought bought) =>
        WithDb(db => db.Set<Order>().AsNoTracking().Where(o => o.CustomerEmail == bought.Email).OrderBy(o => o.CreatedAt).ToListAsync());

    protected Task<int> RenewalCountAsync(Bought bought) =>
        WithDb(db => db.Set<SubscriptionRenewal>().CountAsync(r => r.SubscriptionId == bought.SubscriptionId));

    protected Task<List<string>> MailsAsync(Bought bought, string kind) =>
        WithDb(db => db.Set<OutboxMail>().AsNoTracking().Where(m => m.ToEmail == bought.Email && m.Kind == kind).OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync());

    protected static int Topic(IEnumerable<string> payloads, string topic) => payloads.Count(p => p.Contains($"\"topic\":\"{topic}\"", StringComparison.Ordinal));

    protected static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected static async Task<JsonElement> ProblemAsync(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    // ---------------------------------------------------------------- Dodo Payments

    private async Task<Bought> BuyAtDodoAsync()
    {
        var placed = await PlaceAsync("dodo_payments");
        await Dodo.PayAsync(placed.SessionId);
        var gatewayId = Dodo.SubscriptionIdOfSession(placed.SessionId);
        Assert.NotNull(gatewayId);
        return await SubscribedAsync(placed.Email, placed.OrderId, gatewayId);
    }

    [Fact]
    public async Task Dodo_a_monthly_purchase_records_the_gateway_subscription_and_three_renewal_webhooks_extend_it_three_times_with_orders_and_receipts()
    {
        var bought = await BuyAtDodoAsync();
        var s = await SubscriptionAsync(bought);
        Assert.Equal("dodo_payments", s.Gateway);
        Assert.Equal(9_900, s.Amount);
        Assert.Equal("active", Dodo.Subscription(bought.GatewaySubscriptionId)["status"]!.GetValue<string>());

        for (var i = 1; i <= 3; i++)
        {
            var end = s.CurrentPeriodEnd;
            Clock.SetUtcNow(end.AddMinutes(5));
            var next = end.AddMonths(1).AddMinutes(3); // Dodo's own billing date is the period end from now on
            await Dodo.RenewAsync(bought.GatewaySubscriptionId, next);
            s = await WaitForSubscriptionAsync(bought, x => x.CurrentPeriodEnd == next, $"renewal {i}");
            Assert.Equal(end, s.CurrentPeriodStart);
            Assert.Equal(SubscriptionStatus.Active, s.Status);
        }

        var orders = await OrdersAsync(bought);
        Assert.Equal(4, orders.Count);
        Assert.All(orders.Skip(1), o =>
        {
            Assert.Equal(OrderStatus.Fulfilled, o.Status);
            Assert.Equal(9_900, o.Total);
            Assert.Equal("Basic plan × 1 month", Assert.Single(Assert.Single(o.Items).Lines).Label);
        });
        Assert.Equal(3, await RenewalCountAsync(bought));
        // Each renewal's payment is recorded against its renewal order, so it can be refunded like any order.
        foreach (var order in orders.Skip(1))
            Assert.Equal(1, await WithDb(db => db.Set<PaymentRecord>().CountAsync(p => p.OrderId == order.Id && p.Gateway == "dodo_payments")));
        Assert.Equal(3, (await MailsAsync(bought, "subscription_receipt")).Count);
        Assert.Equal(TenantStatus.Active, (await TenantAsync(bought)).Status);
        Assert.Equal(0, Dodo.Count("POST", "/refunds"));
    }

    [Fact]
    public async Task Dodo_the_same_renewal_payment_reported_again_under_new_webhook_ids_extends_the_subscription_once()
    {
        var bought = await BuyAtDodoAsync();
        var end = (await SubscriptionAsync(bought)).CurrentPeriodEnd;
        Clock.SetUtcNow(end.AddMinutes(5));
        var next = end.AddMonths(1);
        var paid = await Dodo.RenewAsync(bought.GatewaySubscriptionId, next);
        await WaitForSubscriptionAsync(bought, x => x.CurrentPeriodEnd == next, "the renewal");

        var again = await Dodo.ResendAsNewAsync(paid);
        var third = await Dodo.ResendAsNewAsync(paid);
        Assert.NotEqual(paid.Id, again.Id);
        await InboxSettledAsync();

        var s = await SubscriptionAsync(bought);
        Assert.Equal(next, s.CurrentPeriodEnd);
        Assert.Equal(1, await RenewalCountAsync(bought));
        Assert.Equal(2, (await OrdersAsync(bought)).Count);
        Assert.Single(await MailsAsync(bought, "subscription_receipt"));
        var outcomes = await WithDb(db => db.Set<WebhookInboxEntry>().AsNoTracking()
            .Where(e => e.WebhookId == again.Id || e.WebhookId == third.Id).Select(e => e.Outcome).ToListAsync());
        Assert.Equal(["payment already recorded", "payment already recorded"], outcomes);
    }

    [Fact]
    public async Task Dodo_a_renewal_whose_webhooks_were_lost_is_found_at_Dodo_when_the_wait_runs_out_and_an_unreported_one_starts_dunning()
    {
        var bought = await BuyAtDodoAsync();
        var end = (await SubscriptionAsync(bought)).CurrentPeriodEnd;
        Clock.SetUtcNow(end.AddMinutes(5));
        Dodo.HoldWebhooks = true; // delivered nowhere: the endpoint was down past Dodo's retries
        var next = end.AddMonths(1);
        await Dodo.RenewAsync(bought.GatewaySubscriptionId, next);
        Dodo.HoldWebhooks = false;
        Assert.Equal(end, (await SubscriptionAsync(bought)).CurrentPeriodEnd);

        var s = await MoveClockAsync(bought, end.AddDays(2), x => x.CurrentPeriodEnd == next, "the renewal found at Dodo");
        Assert.Equal(SubscriptionStatus.Active, s.Status);
        Assert.Equal(1, await RenewalCountAsync(bought));
        Assert.Single(await MailsAsync(bought, "subscription_receipt"));

        // The held webhooks arrive after all: the payment is already recorded, nothing changes.
        foreach (var held in Dodo.Held.ToList()) await Dodo.DeliverAsync(held);
        await InboxSettledAsync();
        Assert.Equal(1, await RenewalCountAsync(bought));

        // Next month Dodo reports nothing and charged nothing: after the wait, dunning starts.
        s = await MoveClockAsync(bought, next.AddDays(2), x => x.Status == SubscriptionStatus.PastDue, "past due without a report");
        Assert.Equal(next, s.DueSince);
        Assert.Contains("Dodo Payments has not reported the renewal", s.LastFailure);
    }

    [Fact]
    public async Task Dodo_a_failed_renewal_makes_it_past_due_then_suspended_after_the_grace_period_and_a_renewal_paid_later_resumes_it()
    {
        var bought = await BuyAtDodoAsync();
        var due = (await SubscriptionAsync(bought)).CurrentPeriodEnd;
        Clock.SetUtcNow(due.AddMinutes(5));
        await Dodo.FailRenewalAsync(bought.GatewaySubscriptionId);
        var s = await WaitForSubscriptionAsync(bought, x => x.Status == SubscriptionStatus.PastDue, "past due");
        Assert.Equal(1, s.FailedAttempts);
        Assert.Equal(due, s.DueSince);
        Assert.Equal(due.AddDays(1), s.NextRetryAt);
        Assert.Equal(TenantStatus.Active, (await TenantAsync(bought)).Status); // still served during the grace period
        Assert.Equal(OrderStatus.Fulfilled, (await OrdersAsync(bought)).Single().Status); // the failed renewal payment does not touch the order

        // Dodo's own retry fails again: reported, but the dunning schedule here is not restarted or doubled.
        Clock.SetUtcNow(due.AddHours(12));
        await Dodo.FailRenewalAsync(bought.GatewaySubscriptionId);
        await InboxSettledAsync();
        Assert.Equal(1, (await SubscriptionAsync(bought)).FailedAttempts);

        // The app reminds on the dunning schedule (Dodo does the charging) and suspends after the grace period.
        s = await MoveClockAsync(bought, due.AddDays(1), x => x.FailedAttempts == 2, "the first reminder");
        Assert.Equal(SubscriptionStatus.PastDue, s.Status);
        s = await MoveClockAsync(bought, due.AddDays(7), x => x.Status == SubscriptionStatus.Suspended, "suspension after the grace period");
        await WaitForTenantAsync(bought, TenantStatus.Suspended);
        var notices = await MailsAsync(bought, "subscription_notice");
        Assert.True(Topic(notices, "renewal_failed") >= 2, string.Join("\n", notices));
        Assert.Equal(1, Topic(notices, "suspended"));
        Assert.Equal(0, Dodo.Count("POST", "/refunds"));

        // The customer fixes the card at Dodo; Dodo charges: the service comes back, the new period from now (it had lapsed).
        var paidAt = due.AddDays(8);
        Clock.SetUtcNow(paidAt);
        await Dodo.RenewAsync(bought.GatewaySubscriptionId, paidAt.AddMonths(1));
        s = await WaitForSubscriptionAsync(bought, x => x.Status == SubscriptionStatus.Active, "resumed");
        Assert.Equal(paidAt, s.CurrentPeriodStart);
        Assert.Equal(paidAt.AddMonths(1), s.CurrentPeriodEnd);
        Assert.Null(s.DueSince);
        await WaitForTenantAsync(bought, TenantStatus.Active);
        Assert.Equal(1, Topic(await MailsAsync(bought, "subscription_notice"), "resumed"));
        Assert.Equal(1, await RenewalCountAsync(bought));
    }

    [Fact]
    public async Task Dodo_a_customer_cancellation_at_period_end_is_sent_to_Dodo_can_be_undone_there_and_ends_the_subscription_at_the_period_end()
    {
        var bought = await BuyAtDodoAsync();
        var customer = await CustomerAsync(bought);
        var cancelled = await OkAsync(customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/cancel", new { at_period_end = true }));
        Assert.True(cancelled.GetProperty("cancel_at_period_end").GetBoolean());
        Assert.True(Dodo.Subscription(bought.GatewaySubscriptionId)["cancel_at_next_billing_date"]!.GetValue<bool>());
        Assert.Equal("active", Dodo.Subscription(bought.GatewaySubscriptionId)["status"]!.GetValue<string>());

        await OkAsync(customer.PostAsync($"/api/v1/me/tenants/{bought.TenantId}/subscription/resume", null));
        Assert.False(Dodo.Subscription(bought.GatewaySubscriptionId)["cancel_at_next_billing_date"]!.GetValue<bool>());
        await OkAsync(customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/cancel", new { at_period_end = true }));
        var patches = Dodo.Requests.Where(r => r.Method == "PATCH" && r.Path == $"/subscriptions/{bought.GatewaySubscriptionId}").Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal([true, false, true], patches.Select(p => p["cancel_at_next_billing_date"]!.GetValue<bool>()));

        // A plan change of a subscription Dodo bills at a fixed price is refused clearly, nothing changes.
        var refused = await ProblemAsync(customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/change", new { plan = "professional" }), HttpStatusCode.Conflict);
        Assert.Contains("Dodo Payments", refused.GetProperty("detail").GetString());
        Assert.Equal("basic", (await SubscriptionAsync(bought)).Plan);
        await ProblemAsync(customer.PostAsync($"/api/v1/me/tenants/{bought.TenantId}/subscription/pay", null), HttpStatusCode.Conflict);

        var end = (await SubscriptionAsync(bought)).CurrentPeriodEnd;
        var s = await MoveClockAsync(bought, end, x => x.Status == SubscriptionStatus.Cancelled, "the cancellation at period end");
        Assert.Equal(end.AddDays(30), s.DeleteTenantAfter);
        Assert.Equal(TenantStatus.Cancelled, (await TenantAsync(bought)).Status);
        Assert.Equal("cancelled", Dodo.Subscription(bought.GatewaySubscriptionId)["status"]!.GetValue<string>());
        // Dodo's subscription.cancelled comes back and changes nothing.
        await WaitForAsync(db => db.Set<WebhookInboxEntry>().AsNoTracking().AnyAsync(e => e.EventType == "subscription.cancelled" && e.Status == WorkStatus.Done),
            done => done, "Dodo's subscription.cancelled processed");
        Assert.Single(await OrdersAsync(bought));
        Assert.Equal(1, Topic(await MailsAsync(bought, "subscription_notice"), "cancelled"));
    }

    [Fact]
    public async Task Dodo_not_answering_a_customer_cancellation_gives_503_and_changes_nothing_and_a_later_try_goes_through()
    {
        var bought = await BuyAtDodoAsync();
        var customer = await CustomerAsync(bought);
        Dodo.Inject("GET", $"/subscriptions/{bought.GatewaySubscriptionId}", FaultKind.ServerError, times: 3); // the look-up and both retries

        var down = await customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/cancel", new { at_period_end = true });
        var problem = await ProblemAsync(Task.FromResult(down), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Dodo Payments is not answering", problem.GetProperty("title").GetString());
        Assert.Contains("Nothing was changed", problem.GetProperty("detail").GetString());
        Assert.False((await SubscriptionAsync(bought)).CancelAtPeriodEnd);
        Assert.DoesNotContain(Dodo.Requests, r => r.Method == "PATCH");

        var cancelled = await OkAsync(customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/cancel", new { at_period_end = true }));
        Assert.True(cancelled.GetProperty("cancel_at_period_end").GetBoolean());
        Assert.True(Dodo.Subscription(bought.GatewaySubscriptionId)["cancel_at_next_billing_date"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Dodo_ending_the_subscription_itself_cancels_it_here_at_the_period_end_and_the_tenant_then_stops_and_is_deleted_after_grace()
    {
        var bought = await BuyAtDodoAsync();
        await Dodo.EndAtDodoAsync(bought.GatewaySubscriptionId);
        var s = await WaitForSubscriptionAsync(bought, x => x.CancelAtPeriodEnd, "the cancellation scheduled");
        Assert.Equal(SubscriptionStatus.Active, s.Status); // the paid month still runs
        Assert.Equal(TenantStatus.Active, (await TenantAsync(bought)).Status);

        var end = s.CurrentPeriodEnd;
        s = await MoveClockAsync(bought, end, x => x.Status == SubscriptionStatus.Cancelled, "cancelled at the period end");
        Assert.Equal(TenantStatus.Cancelled, (await TenantAsync(bought)).Status);
        Assert.Equal(0, Dodo.Count("PATCH", "/subscriptions")); // Dodo ended it; nothing to send back

        Clock.SetUtcNow(end.AddDays(30));
        await WaitForTenantAsync(bought, TenantStatus.Deleted);
        Clock.SetUtcNow(end.AddDays(30).AddHours(1));
        await WaitForSubscriptionAsync(bought, x => x.TenantDeletedAt is not null, "billing noting the deletion");
    }

    [Fact]
    public async Task Dodo_an_administrators_immediate_cancellation_with_refund_cancels_at_Dodo_and_refunds_only_the_unused_share()
    {
        var bought = await BuyAtDodoAsync();
        var s = await SubscriptionAsync(bought);
        Clock.SetUtcNow(s.CurrentPeriodStart + (s.CurrentPeriodEnd - s.CurrentPeriodStart) / 2);
        var admin = await _shop.AdminAsync();
        var result = await OkAsync(admin.PostAsJsonAsync($"/api/v1/admin/subscriptions/{bought.SubscriptionId}/cancel",
            new { immediately = true, refund = true, reason = "customer asked" }));
        Assert.Equal("cancelled", Dodo.Subscription(bought.GatewaySubscriptionId)["status"]!.GetValue<string>());
        var refunded = result.GetProperty("refund_amount").GetProperty("amount").GetInt64();
        Assert.Equal(4_950, refunded); // half of the month's 9,900
        var sent = JsonNode.Parse(Dodo.Requests.Single(r => r.Method == "POST" && r.Path == "/refunds").Body)!;
        var item = Assert.Single(sent["items"]!.AsArray());
        Assert.Equal(4_950, item!["amount"]!.GetValue<long>()); // a partial refund at Dodo, not the whole payment
        var payment = await WithDb(db => db.Set<PaymentRecord>().AsNoTracking().SingleAsync(p => p.OrderId == bought.OrderId));
        Assert.Equal(1, Dodo.RefundCount(payment.GatewayPaymentId));
    }

    [Fact]
    public async Task Dodo_an_administrators_immediate_cancellation_cancels_at_Dodo_too()
    {
        var bought = await BuyAtDodoAsync();
        var admin = await _shop.AdminAsync();
        var result = await OkAsync(admin.PostAsJsonAsync($"/api/v1/admin/subscriptions/{bought.SubscriptionId}/cancel",
            new { immediately = true, refund = false, reason = "fraud" }));
        Assert.Equal("cancelled", result.GetProperty("subscription").GetProperty("status").GetString());
        Assert.Equal("cancelled", Dodo.Subscription(bought.GatewaySubscriptionId)["status"]!.GetValue<string>());
        Assert.Equal(TenantStatus.Cancelled, (await TenantAsync(bought)).Status);
        var echo = await WaitForAsync(db => db.Set<WebhookInboxEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.EventType == "subscription.cancelled" && e.Status == WorkStatus.Done),
            e => e is not null, "Dodo's subscription.cancelled processed");
        Assert.Equal("subscription already ended", echo!.Outcome);
        Assert.Equal(SubscriptionStatus.Cancelled, (await SubscriptionAsync(bought)).Status);
        Assert.Single(await OrdersAsync(bought));
    }

    // ---------------------------------------------------------------- PayPal

    private async Task<Bought> BuyAtPayPalAsync()
    {
        var placed = await PlaceAsync("paypal");
        Assert.StartsWith("I-", placed.SessionId);
        Assert.StartsWith($"{PayPal.BaseUrl}/webapps/billing/subscriptions?ba_token=", placed.CheckoutUrl);
        var back = await PayPal.ApproveSubscriptionAsync(placed.SessionId);
        Assert.Contains($"subscription_id={placed.SessionId}", back);
        return await SubscribedAsync(placed.Email, placed.OrderId, placed.SessionId);
    }

    [Fact]
    public async Task PayPal_a_monthly_purchase_is_a_PayPal_subscription_on_a_cached_plan_and_three_sales_renew_it_three_times_with_orders_and_receipts()
    {
        var bought = await BuyAtPayPalAsync();
        var order = (await OrdersAsync(bought)).Single();
        Assert.Equal(OrderStatus.Fulfilled, order.Status); // the first sale paid the order
        var created = JsonNode.Parse(PayPal.Requests.Single(r => r.Path == "/v1/billing/subscriptions").Body)!;
        Assert.Equal(bought.OrderId.ToString(), created["custom_id"]!.GetValue<string>());
        var plan = JsonNode.Parse(PayPal.Requests.Single(r => r.Path == "/v1/billing/plans").Body)!;
        Assert.Equal("MONTH", plan["billing_cycles"]![0]!["frequency"]!["interval_unit"]!.GetValue<string>());
        Assert.Equal("99.00", plan["billing_cycles"]![0]!["pricing_scheme"]!["fixed_price"]!["value"]!.GetValue<string>());

        var s = await SubscriptionAsync(bought);
        for (var i = 1; i <= 3; i++)
        {
            var end = s.CurrentPeriodEnd;
            Clock.SetUtcNow(end.AddMinutes(5));
            var next = end.AddMonths(1).AddMinutes(2);
            await PayPal.RenewSubscriptionAsync(bought.GatewaySubscriptionId, next);
            s = await WaitForSubscriptionAsync(bought, x => x.CurrentPeriodEnd == next, $"renewal {i}");
            Assert.Equal(end, s.CurrentPeriodStart);
            Assert.Equal(SubscriptionStatus.Active, s.Status);
        }
        var orders = await OrdersAsync(bought);
        Assert.Equal(4, orders.Count);
        Assert.All(orders.Skip(1), o => Assert.Equal(9_900, o.Total));
        Assert.Equal(3, await RenewalCountAsync(bought));
        Assert.Equal(3, (await MailsAsync(bought, "subscription_receipt")).Count);

        // A second buyer of the same price gets the same plan: one catalog product and one plan at PayPal.
        await BuyAtPayPalAsync();
        Assert.Equal(1, PayPal.Count("POST", "/v1/billing/plans"));
        Assert.Equal(1, PayPal.Count("POST", "/v1/catalogs/products"));
    }

    [Theory]
    [InlineData("paypal", "PayPal")]
    [InlineData("dodo_payments", "Dodo Payments")]
    public async Task A_gateway_that_keeps_its_own_subscription_refuses_an_order_with_two_SaaS_products_and_places_nothing(string gateway, string title)
    {
        var customer = _shop.NewClient((await _shop.NewClient().SignUpAndLoginAsync(AccountsTestClient.NewEmail(), name: "Harbor Inn")).AccessToken());
        object Saas() => new { product_slug = Product, configuration = new { plan = "basic", features = Array.Empty<string>(), billing_cycle = "monthly", subdomain = $"g{Guid.NewGuid():N}"[..14] } };
        var orders = await WithDb(db => db.Set<Order>().CountAsync());

        var refused = await customer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { Saas(), Saas() }, payment_gateway = gateway });
        var messages = await refused.FieldErrorsAsync("payment_gateway");
        Assert.Contains(messages, m => m.StartsWith($"{title} bills one subscription per order", StringComparison.Ordinal));
        Assert.Equal(orders, await WithDb(db => db.Set<Order>().CountAsync()));

        // The sandbox bills subscriptions itself, so the same cart is fine there.
        var sandbox = await customer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { Saas(), Saas() }, payment_gateway = "sandbox" });
        Assert.Equal(HttpStatusCode.Created, sandbox.StatusCode);
    }

    [Fact]
    public async Task PayPal_a_SaaS_item_bought_with_a_one_time_item_is_one_subscription_whose_setup_fee_pays_the_whole_order_and_whose_plan_renews_it()
    {
        var email = AccountsTestClient.NewEmail();
        var customer = _shop.NewClient((await _shop.NewClient().SignUpAndLoginAsync(email, name: "Harbor Inn")).AccessToken());
        var placed = await OkAsync(customer.PostAsJsonAsync("/api/v1/checkout", new
        {
            items = new object[]
            {
                new { product_slug = Product, configuration = new { plan = "basic", features = Array.Empty<string>(), billing_cycle = "monthly", subdomain = $"g{Guid.NewGuid():N}"[..14] } },
                SandboxPurchases.SelfHostedItem(),
            },
            payment_gateway = "paypal",
        }));
        var orderId = Guid.Parse(placed.GetProperty("order_id").GetString()!);
        var total = placed.GetProperty("total").GetProperty("amount").GetInt64();
        Assert.True(total > 9_900);
        var subscriptionId = await WithDb(db => db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => o.GatewaySessionId).SingleAsync());
        Assert.StartsWith("I-", subscriptionId);
        var created = JsonNode.Parse(PayPal.Requests.Single(r => r.Path == "/v1/billing/subscriptions").Body)!;
        Assert.Equal(PayPalValue(total), created["plan"]!["payment_preferences"]!["setup_fee"]!["value"]!.GetValue<string>());
        Assert.Equal(0, PayPal.Count("POST", "/v2/checkout/orders")); // one approval for everything

        await PayPal.ApproveSubscriptionAsync(subscriptionId!);
        var bought = await SubscribedAsync(email, orderId, subscriptionId!);
        var order = (await OrdersAsync(bought)).Single();
        Assert.Equal(total, order.Total);
        Assert.Equal(1, await WithDb(db => db.Set<PaymentRecord>().CountAsync(p => p.OrderId == orderId && p.Application == "applied")));

        var s = await SubscriptionAsync(bought);
        Assert.Equal(9_900, s.Amount);
        Clock.SetUtcNow(s.CurrentPeriodEnd.AddMinutes(5));
        var next = s.CurrentPeriodEnd.AddMonths(1);
        await PayPal.RenewSubscriptionAsync(bought.GatewaySubscriptionId, next);
        s = await WaitForSubscriptionAsync(bought, x => x.CurrentPeriodEnd == next, "the first renewal by the plan");
        Assert.Equal(9_900, (await OrdersAsync(bought)).Last().Total);
    }

    private static string PayPalValue(long minor) => (minor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task PayPal_a_sale_whose_webhook_was_lost_is_found_in_the_subscriptions_transactions_at_the_next_reminder()
    {
        var bought = await BuyAtPayPalAsync();
        var due = (await SubscriptionAsync(bought)).CurrentPeriodEnd;
        Clock.SetUtcNow(due.AddMinutes(5));
        await PayPal.FailSubscriptionPaymentAsync(bought.GatewaySubscriptionId);
        await WaitForSubscriptionAsync(bought, x => x.Status == SubscriptionStatus.PastDue, "past due");

        Clock.SetUtcNow(due.AddHours(20));
        PayPal.HoldWebhooks = true; // PayPal's retry succeeded, its PAYMENT.SALE.COMPLETED never arrived
        await PayPal.RenewSubscriptionAsync(bought.GatewaySubscriptionId, due.AddMonths(1));
        PayPal.HoldWebhooks = false;

        var s = await MoveClockAsync(bought, due.AddDays(1), x => x.Status == SubscriptionStatus.Active, "the sale found at the reminder");
        Assert.Equal(due.AddMonths(1), s.CurrentPeriodEnd);
        Assert.Equal(1, await RenewalCountAsync(bought));
        Assert.Equal(0, Topic(await MailsAsync(bought, "subscription_notice"), "suspended"));
    }

    [Fact]
    public async Task PayPal_the_same_sale_reported_again_under_a_new_event_id_extends_the_subscription_once()
    {
        var bought = await BuyAtPayPalAsync();
        var end = (await SubscriptionAsync(bought)).CurrentPeriodEnd;
        Clock.SetUtcNow(end.AddMinutes(5));
        var next = end.AddMonths(1);
        var sale = await PayPal.RenewSubscriptionAsync(bought.GatewaySubscriptionId, next);
        await WaitForSubscriptionAsync(bought, x => x.CurrentPeriodEnd == next, "the renewal");
        var again = await PayPal.ResendAsNewAsync(sale);
        await InboxSettledAsync();

        Assert.Equal(next, (await SubscriptionAsync(bought)).CurrentPeriodEnd);
        Assert.Equal(1, await RenewalCountAsync(bought));
        Assert.Equal(2, (await OrdersAsync(bought)).Count);
        Assert.Equal("payment already recorded", await WithDb(db => db.Set<WebhookInboxEntry>().AsNoTracking().Where(e => e.WebhookId == again.Id).Select(e => e.Outcome).SingleAsync()));
    }

    [Fact]
    public async Task PayPal_a_failed_payment_makes_it_past_due_then_suspended_after_the_grace_period_and_a_later_sale_resumes_it()
    {
        var bought = await BuyAtPayPalAsync();
        var due = (await SubscriptionAsync(bought)).CurrentPeriodEnd;
        Clock.SetUtcNow(due.AddMinutes(5));
        await PayPal.FailSubscriptionPaymentAsync(bought.GatewaySubscriptionId);
        var s = await WaitForSubscriptionAsync(bought, x => x.Status == SubscriptionStatus.PastDue, "past due");
        Assert.Equal(due, s.DueSince);
        Assert.Equal(TenantStatus.Active, (await TenantAsync(bought)).Status);

        s = await MoveClockAsync(bought, due.AddDays(7), x => x.Status == SubscriptionStatus.Suspended, "suspension after the grace period");
        await WaitForTenantAsync(bought, TenantStatus.Suspended);
        Assert.Equal(1, Topic(await MailsAsync(bought, "subscription_notice"), "suspended"));

        // PayPal gives up too (its failure threshold) and says so: nothing more happens here.
        await PayPal.FailSubscriptionPaymentAsync(bought.GatewaySubscriptionId);
        await PayPal.FailSubscriptionPaymentAsync(bought.GatewaySubscriptionId);
        Assert.Equal("SUSPENDED", PayPal.Subscription(bought.GatewaySubscriptionId)["status"]!.GetValue<string>());
        await InboxSettledAsync();
        Assert.Equal(SubscriptionStatus.Suspended, (await SubscriptionAsync(bought)).Status);
        Assert.Equal(1, Topic(await MailsAsync(bought, "subscription_notice"), "suspended"));

        var paidAt = due.AddDays(9);
        Clock.SetUtcNow(paidAt);
        await PayPal.RenewSubscriptionAsync(bought.GatewaySubscriptionId, paidAt.AddMonths(1));
        s = await WaitForSubscriptionAsync(bought, x => x.Status == SubscriptionStatus.Active, "resumed");
        Assert.Equal(paidAt, s.CurrentPeriodStart);
        await WaitForTenantAsync(bought, TenantStatus.Active);
        Assert.Equal(1, Topic(await MailsAsync(bought, "subscription_notice"), "resumed"));
    }

    [Fact]
    public async Task PayPal_suspending_an_active_subscription_suspends_the_tenant_at_once()
    {
        var bought = await BuyAtPayPalAsync();
        Clock.SetUtcNow((await SubscriptionAsync(bought)).CurrentPeriodEnd.AddMinutes(5));
        for (var i = 0; i < 3; i++) await PayPal.FailSubscriptionPaymentAsync(bought.GatewaySubscriptionId); // the plan's threshold is 3
        await WaitForSubscriptionAsync(bought, x => x.Status == SubscriptionStatus.Suspended, "suspended");
        await WaitForTenantAsync(bought, TenantStatus.Suspended);
    }

    [Fact]
    public async Task PayPal_a_customer_cancellation_cancels_at_PayPal_cannot_be_undone_and_ends_the_subscription_at_the_period_end()
    {
        var bought = await BuyAtPayPalAsync();
        var customer = await CustomerAsync(bought);
        await OkAsync(customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/cancel", new { at_period_end = true }));
        Assert.Equal(1, PayPal.Count("POST", $"/v1/billing/subscriptions/{bought.GatewaySubscriptionId}/cancel"));
        Assert.Equal("CANCELLED", PayPal.Subscription(bought.GatewaySubscriptionId)["status"]!.GetValue<string>());
        var refused = await ProblemAsync(customer.PostAsync($"/api/v1/me/tenants/{bought.TenantId}/subscription/resume", null), HttpStatusCode.Conflict);
        Assert.Contains("PayPal", refused.GetProperty("detail").GetString());
        await ProblemAsync(customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/change-preview", new { plan = "professional" }), HttpStatusCode.Conflict);

        await WaitForAsync(db => db.Set<WebhookInboxEntry>().AsNoTracking().AnyAsync(e => e.EventType == "BILLING.SUBSCRIPTION.CANCELLED" && e.Status == WorkStatus.Done),
            done => done, "PayPal's BILLING.SUBSCRIPTION.CANCELLED processed");
        var s = await SubscriptionAsync(bought);
        Assert.Equal(SubscriptionStatus.Active, s.Status); // the paid month still runs
        Assert.True(s.CancelAtPeriodEnd);

        s = await MoveClockAsync(bought, s.CurrentPeriodEnd, x => x.Status == SubscriptionStatus.Cancelled, "cancelled at the period end");
        Assert.Equal(TenantStatus.Cancelled, (await TenantAsync(bought)).Status);
        Assert.Equal(1, PayPal.Count("POST", $"/v1/billing/subscriptions/{bought.GatewaySubscriptionId}/cancel")); // already cancelled there
    }

    [Fact]
    public async Task PayPal_an_administrators_immediate_cancellation_cancels_at_PayPal_and_refunds_the_unused_share_of_the_sale()
    {
        var bought = await BuyAtPayPalAsync();
        var s = await SubscriptionAsync(bought);
        Clock.SetUtcNow(s.CurrentPeriodStart + (s.CurrentPeriodEnd - s.CurrentPeriodStart) / 2);
        var admin = await _shop.AdminAsync();
        var result = await OkAsync(admin.PostAsJsonAsync($"/api/v1/admin/subscriptions/{bought.SubscriptionId}/cancel",
            new { immediately = true, refund = true, reason = "customer asked" }));
        Assert.Equal("cancelled", result.GetProperty("subscription").GetProperty("status").GetString());
        Assert.Equal("CANCELLED", PayPal.Subscription(bought.GatewaySubscriptionId)["status"]!.GetValue<string>());
        Assert.Equal(TenantStatus.Cancelled, (await TenantAsync(bought)).Status);
        // A subscription's charge is a sale, not a capture: refunded through PayPal's sale endpoint, half of the month's 99.00.
        Assert.Equal("succeeded", result.GetProperty("refund_status").GetString());
        Assert.Equal(4_950, result.GetProperty("refund_amount").GetProperty("amount").GetInt64());
        var payment = await WithDb(db => db.Set<PaymentRecord>().AsNoTracking().SingleAsync(p => p.OrderId == bought.OrderId));
        Assert.Equal(4_950, PayPal.SaleRefunded(payment.GatewayPaymentId));
        var sent = JsonNode.Parse(PayPal.Requests.Single(r => r.Path == $"/v1/payments/sale/{payment.GatewayPaymentId}/refund").Body)!;
        Assert.Equal("49.50", sent["amount"]!["total"]!.GetValue<string>());
        Assert.Equal(OrderStatus.PartiallyRefunded, (await OrdersAsync(bought)).Single().Status);
    }

    [Fact]
    public async Task PayPal_a_sale_refund_answered_as_pending_is_completed_by_its_PAYMENT_SALE_REFUNDED_webhook()
    {
        var bought = await BuyAtPayPalAsync();
        var s = await SubscriptionAsync(bought);
        Clock.SetUtcNow(s.CurrentPeriodStart + (s.CurrentPeriodEnd - s.CurrentPeriodStart) / 2);
        PayPal.SaleRefundsPending = true;
        var admin = await _shop.AdminAsync();
        var result = await OkAsync(admin.PostAsJsonAsync($"/api/v1/admin/subscriptions/{bought.SubscriptionId}/cancel",
            new { immediately = true, refund = true, reason = "customer asked" }));
        Assert.Equal(4_950, result.GetProperty("refund_amount").GetProperty("amount").GetInt64());

        // PayPal said "pending"; the webhook that follows completes the refund and the order shows it.
        var refund = await WaitForAsync(db => db.Set<RefundRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.OrderId == bought.OrderId && r.Status == RefundStatus.Succeeded),
            r => r is not null, "the sale refund completed by PAYMENT.SALE.REFUNDED");
        Assert.Equal(4_950, refund!.Amount);
        Assert.Single(await WithDb(db => db.Set<RefundRecord>().AsNoTracking().Where(r => r.OrderId == bought.OrderId).ToListAsync()));
        Assert.Equal(OrderStatus.PartiallyRefunded, (await OrdersAsync(bought)).Single().Status);
    }

    [Fact]
    public async Task PayPal_cancelling_at_PayPal_ends_the_subscription_here_at_the_period_end()
    {
        var bought = await BuyAtPayPalAsync();
        await PayPal.EndAtPayPalAsync(bought.GatewaySubscriptionId);
        var s = await WaitForSubscriptionAsync(bought, x => x.CancelAtPeriodEnd, "the cancellation scheduled");
        Assert.Equal(SubscriptionStatus.Active, s.Status);
        s = await MoveClockAsync(bought, s.CurrentPeriodEnd, x => x.Status == SubscriptionStatus.Cancelled, "cancelled at the period end");
        Assert.Equal(TenantStatus.Cancelled, (await TenantAsync(bought)).Status);
        Assert.Equal(0, PayPal.Count("POST", $"/v1/billing/subscriptions/{bought.GatewaySubscriptionId}/cancel"));
    }
}

public sealed class SqliteGatewaySubscriptionTests : GatewaySubscriptionTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresGatewaySubscriptionTests(PostgresCluster cluster) : GatewaySubscriptionTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
