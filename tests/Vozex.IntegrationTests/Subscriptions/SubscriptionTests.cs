using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vozex.IntegrationTests.Accounts;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Notifications.Outbox;
using Vozex.Web.Modules.Payments.Refunds;
using Vozex.Web.Modules.Subscriptions.Billing;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.Subscriptions;

/// <summary>
/// A SaaS tenant's billing life (issue 11) through the real pipeline on Kestrel with simulated time: the app's clock is a
/// <see cref="FakeTimeProvider"/>, the sandbox charges renewals with a scripted outcome, and each step is awaited in the
/// database the app writes.
/// </summary>
public abstract class SubscriptionTests : IAsyncLifetime
{
    private const string Product = "harborstay-hotel-pms";

    private VozexAppFactory _app = null!;
    private SandboxPurchases _shop = null!;
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour), TimeSpan.Zero));

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    public async Task InitializeAsync()
    {
        _app = (await CreateAppAsync(new Dictionary<string, string?>
        {
            ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.100",
            ["Vozex:Subscriptions:IdlePoll"] = "00:00:00.100",
        })).WithServices(s => s.AddSingleton<TimeProvider>(new SimulatedNow(Clock)));
        _app.UseKestrel(0);
        _app.StartServer();
        _shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private sealed record Bought(string Email, Guid TenantId, Guid OrderId);

    private async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    /// <summary>Signs in again: tokens expire as the simulated clock moves on.</summary>
    private async Task<HttpClient> CustomerAsync(Bought bought) =>
        _shop.NewClient((await _shop.NewClient().LoginOkAsync(bought.Email)).AccessToken());

    private async Task<Bought> BuyAsync(string plan = "basic", string cycle = "monthly", params string[] features)
    {
        var email = AccountsTestClient.NewEmail();
        var tokens = await _shop.NewClient().SignUpAndLoginAsync(email, name: "Harbor Inn");
        var customer = _shop.NewClient(tokens.AccessToken());
        var placed = await SandboxPurchases.CheckoutAsync(customer, new
        {
            product_slug = Product,
            configuration = new { plan, features, billing_cycle = cycle, subdomain = $"s{Guid.NewGuid():N}"[..14] },
        });
        await _shop.SubmitAsync(placed, "pay");
        await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled", seconds: 180);
        var orderId = Guid.Parse(placed.GetProperty("order_id").GetString()!);
        var subscription = await WaitForAsync(db => db.Set<Subscription>().AsNoTracking().FirstOrDefaultAsync(s => s.OrderId == orderId), s => s is not null, "a subscription");
        return new Bought(email, subscription!.TenantId, orderId);
    }

    private Task<Subscription> SubscriptionAsync(Bought bought) =>
        WithDb(db => db.Set<Subscription>().AsNoTracking().SingleAsync(s => s.TenantId == bought.TenantId));

    private Task<Tenant> TenantAsync(Bought bought) =>
        WithDb(db => db.Set<Tenant>().AsNoTracking().SingleAsync(t => t.Id == bought.TenantId));

    private async Task<T> WaitForAsync<T>(Func<MarketplaceDbContext, Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var value = await WithDb(read);
            if (done(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, $"Never reached {what}: {JsonSerializer.Serialize(value)}");
            await Task.Delay(50);
        }
    }

    private Task<Subscription> WaitForSubscriptionAsync(Bought bought, Func<Subscription, bool> done, string what) =>
        WaitForAsync(db => db.Set<Subscription>().AsNoTracking().SingleAsync(s => s.TenantId == bought.TenantId), done, what);

    /// <summary>Moves the clock to <paramref name="at"/> and waits until the subscription's clock has nothing due.</summary>
    private async Task<Subscription> MoveClockAsync(Bought bought, DateTimeOffset at, Func<Subscription, bool> done, string what)
    {
        Clock.SetUtcNow(at);
        return await WaitForSubscriptionAsync(bought, s => done(s) && s.NextAttemptAt > at && s.LeaseOwner == null, what);
    }

    private async Task SetSandboxRenewalsAsync(string outcome)
    {
        var admin = await _shop.AdminAsync();
        var response = await admin.PutAsJsonAsync("/api/v1/admin/subscriptions/sandbox-renewals", new { outcome });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<List<Order>> OrdersAsync(Bought bought) =>
        WithDb(db => db.Set<Order>().AsNoTracking().Where(o => o.CustomerEmail == bought.Email).OrderBy(o => o.CreatedAt).ToListAsync());

    private Task<List<string>> MailsAsync(Bought bought, string kind) =>
        WithDb(db => db.Set<OutboxMail>().AsNoTracking().Where(m => m.ToEmail == bought.Email && m.Kind == kind).OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync());

    /// <summary>The tenant database's settings once <paramref name="done"/> holds (tenancy writes them right after the commit).</summary>
    private async Task<Dictionary<string, string>> TenantSettingsAsync(Tenant tenant, Func<Dictionary<string, string>, bool> done)
    {
        var databases = _app.Services.GetRequiredService<TenantDatabases>();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            await using (var tenantDb = databases.Open(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName)))
            {
                var settings = await tenantDb.Settings.AsNoTracking().ToDictionaryAsync(x => x.Key, x => x.Value);
                if (done(settings)) return settings;
                Assert.True(DateTime.UtcNow < deadline, $"The tenant database's settings never changed: {JsonSerializer.Serialize(settings)}");
            }
            await Task.Delay(50);
        }
    }

    private static int Topic(IEnumerable<string> payloads, string topic) => payloads.Count(p => p.Contains($"\"topic\":\"{topic}\"", StringComparison.Ordinal));

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_monthly_subscription_renews_three_times_each_from_the_period_end_with_an_order_and_a_receipt()
    {
        var bought = await BuyAsync();
        var s = await SubscriptionAsync(bought);
        var paidAt = s.CurrentPeriodStart;
        Assert.Equal(paidAt.AddMonths(1), s.CurrentPeriodEnd);
        Assert.Equal(9_900, s.Amount);

        for (var i = 1; i <= 3; i++)
        {
            var end = s.CurrentPeriodEnd;
            s = await MoveClockAsync(bought, end.AddMinutes(1), x => x.CurrentPeriodStart == end, $"renewal {i}");
            Assert.Equal(end.AddMonths(1), s.CurrentPeriodEnd);
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
        Assert.Equal(3, await WithDb(db => db.Set<SubscriptionRenewal>().CountAsync(r => r.SubscriptionId == s.Id)));
        Assert.Equal(3, (await MailsAsync(bought, "subscription_receipt")).Count);
        Assert.Equal(TenantStatus.Active, (await TenantAsync(bought)).Status);

        var listed = await (await CustomerAsync(bought)).GetFromJsonAsync<JsonElement>("/api/v1/me/tenants");
        var subscription = listed.GetProperty("items")[0].GetProperty("subscription");
        Assert.Equal("active", subscription.GetProperty("status").GetString());
        Assert.Equal("monthly", subscription.GetProperty("billing_cycle").GetString());
        Assert.Equal(s.CurrentPeriodEnd, subscription.GetProperty("current_period_end").GetDateTimeOffset());
        Assert.Equal(9_900, subscription.GetProperty("next_renewal_amount").GetProperty("amount").GetInt64());
        Assert.Equal("USD", subscription.GetProperty("next_renewal_amount").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task A_failed_renewal_is_retried_on_schedule_then_suspends_the_tenant_and_a_later_payment_resumes_it_from_now()
    {
        var bought = await BuyAsync();
        var due = (await SubscriptionAsync(bought)).CurrentPeriodEnd;
        await SetSandboxRenewalsAsync("decline");

        var s = await MoveClockAsync(bought, due, x => x.FailedAttempts == 1, "the first failure");
        Assert.Equal(SubscriptionStatus.PastDue, s.Status);
        Assert.Equal(due.AddDays(1), s.NextRetryAt);
        Assert.Equal(TenantStatus.Active, (await TenantAsync(bought)).Status); // still served during the grace period

        s = await MoveClockAsync(bought, due.AddDays(1), x => x.FailedAttempts == 2, "the second failure");
        Assert.Equal(due.AddDays(3), s.NextRetryAt);
        s = await MoveClockAsync(bought, due.AddDays(3), x => x.FailedAttempts == 3, "the third failure");
        Assert.Equal(due.AddDays(5), s.NextRetryAt);
        s = await MoveClockAsync(bought, due.AddDays(5), x => x.FailedAttempts == 4, "the last scheduled retry");
        Assert.Equal(SubscriptionStatus.PastDue, s.Status);

        s = await MoveClockAsync(bought, due.AddDays(7), x => x.Status == SubscriptionStatus.Suspended, "suspension after the grace period");
        Assert.Equal(TenantStatus.Suspended, (await TenantAsync(bought)).Status);
        var listed = await (await CustomerAsync(bought)).GetFromJsonAsync<JsonElement>("/api/v1/me/tenants");
        Assert.Equal("suspended", listed.GetProperty("items")[0].GetProperty("subscription").GetProperty("status").GetString());
        Assert.Single(await OrdersAsync(bought)); // a declined renewal records no order

        await SetSandboxRenewalsAsync("succeed");
        var paidAt = s.NextRetryAt!.Value;
        Assert.Equal(due.AddDays(12), paidAt);
        s = await MoveClockAsync(bought, paidAt, x => x.Status == SubscriptionStatus.Active, "the paid retry");
        Assert.Equal(paidAt, s.CurrentPeriodStart); // it lapsed: the new period starts when paid
        Assert.Equal(paidAt.AddMonths(1), s.CurrentPeriodEnd);
        Assert.Equal(TenantStatus.Active, (await TenantAsync(bought)).Status);

        var notices = await MailsAsync(bought, "subscription_notice");
        Assert.Equal(4, Topic(notices, "renewal_failed"));
        Assert.Equal(1, Topic(notices, "suspended"));
        Assert.Equal(1, Topic(notices, "resumed"));
        Assert.Single(await MailsAsync(bought, "subscription_receipt"));
    }

    [Fact]
    public async Task A_renewal_paid_while_past_due_continues_from_the_period_end_but_one_paid_after_suspension_starts_from_now()
    {
        var bought = await BuyAsync();
        var firstEnd = (await SubscriptionAsync(bought)).CurrentPeriodEnd;
        await SetSandboxRenewalsAsync("decline");
        await MoveClockAsync(bought, firstEnd, x => x.Status == SubscriptionStatus.PastDue, "past due");
        await SetSandboxRenewalsAsync("succeed");
        var s = await MoveClockAsync(bought, firstEnd.AddDays(1), x => x.Status == SubscriptionStatus.Active, "paid on the first retry");
        Assert.Equal(firstEnd, s.CurrentPeriodStart);
        Assert.Equal(firstEnd.AddMonths(1), s.CurrentPeriodEnd);

        var secondEnd = s.CurrentPeriodEnd;
        await SetSandboxRenewalsAsync("decline");
        await MoveClockAsync(bought, secondEnd, x => x.Status == SubscriptionStatus.PastDue, "past due again");
        await MoveClockAsync(bought, secondEnd.AddDays(7), x => x.Status == SubscriptionStatus.Suspended, "suspended");
        await SetSandboxRenewalsAsync("succeed");
        var payNow = secondEnd.AddDays(8);
        Clock.SetUtcNow(payNow);
        var paid = await OkAsync((await CustomerAsync(bought)).PostAsync($"/api/v1/me/tenants/{bought.TenantId}/subscription/pay", null));
        Assert.Equal("active", paid.GetProperty("status").GetString());
        s = await SubscriptionAsync(bought);
        Assert.Equal(payNow, s.CurrentPeriodStart);
        Assert.Equal(payNow.AddMonths(1), s.CurrentPeriodEnd);
        Assert.Equal(TenantStatus.Active, (await TenantAsync(bought)).Status);
    }

    [Fact]
    public async Task The_same_renewal_reported_twice_extends_the_period_once_and_records_one_order()
    {
        var bought = await BuyAsync();
        var s = await SubscriptionAsync(bought);
        var renewed = s.CurrentPeriodEnd;
        Clock.SetUtcNow(renewed.AddMinutes(-5)); // before the clock would renew it by itself

        async Task<bool> ReportAsync()
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var billing = scope.ServiceProvider.GetRequiredService<SubscriptionBilling>();
            var tracked = await db.Set<Subscription>().SingleAsync(x => x.Id == s.Id);
            var applied = await billing.ApplyRenewalPaidAsync(tracked, renewed, Guid.CreateVersion7(), "pay_duplicate_report", 9_900, CancellationToken.None);
            await db.SaveChangesAsync();
            return applied;
        }

        Assert.True(await ReportAsync());
        Assert.False(await ReportAsync());
        s = await SubscriptionAsync(bought);
        Assert.Equal(renewed, s.CurrentPeriodStart);
        Assert.Equal(renewed.AddMonths(1), s.CurrentPeriodEnd);
        Assert.Equal(2, (await OrdersAsync(bought)).Count);
        Assert.Equal(1, await WithDb(db => db.Set<SubscriptionRenewal>().CountAsync(r => r.SubscriptionId == s.Id)));
    }

    [Fact]
    public async Task An_upgrade_mid_period_charges_the_prorated_difference_and_raises_the_limits_at_once()
    {
        var bought = await BuyAsync();
        var s = await SubscriptionAsync(bought);
        var halfway = s.CurrentPeriodStart + (s.CurrentPeriodEnd - s.CurrentPeriodStart) / 2;
        Clock.SetUtcNow(halfway);
        var customer = await CustomerAsync(bought);

        var preview = await OkAsync(customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/change-preview", new { plan = "enterprise" }));
        Assert.Equal(17_500, preview.GetProperty("amount_due_now").GetProperty("amount").GetInt64()); // (44 900 − 9 900) / 2
        Assert.Equal(44_900, preview.GetProperty("next_renewal_amount").GetProperty("amount").GetInt64());
        Assert.Equal(halfway, preview.GetProperty("effective_at").GetDateTimeOffset());
        Assert.Equal("basic", (await SubscriptionAsync(bought)).Plan); // a preview changes nothing

        var applied = await OkAsync(customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/change", new { plan = "enterprise" }));
        Assert.Equal("immediate", applied.GetProperty("timing").GetString());
        var orderId = applied.GetProperty("order_id").GetGuid();
        var order = await WithDb(db => db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == orderId));
        Assert.Equal(17_500, order.Total);
        Assert.Equal(OrderStatus.Fulfilled, order.Status);
        Assert.Contains("Enterprise", Assert.Single(Assert.Single(order.Items).Lines).Label, StringComparison.Ordinal);

        var tenant = await TenantAsync(bought);
        Assert.Equal("enterprise", tenant.Plan);
        Assert.Equal(1_000, tenant.Limits["rooms"]);
        var settings = await TenantSettingsAsync(tenant, x => x.GetValueOrDefault("plan.id") == "enterprise");
        Assert.Contains("\"rooms\":1000", settings["limits"], StringComparison.Ordinal);
        s = await SubscriptionAsync(bought);
        Assert.Equal(44_900, s.Amount);
        Assert.Single(await MailsAsync(bought, "subscription_receipt"));

        var end = s.CurrentPeriodEnd;
        s = await MoveClockAsync(bought, end, x => x.CurrentPeriodStart == end, "the first renewal at the new price");
        Assert.Equal(44_900, (await OrdersAsync(bought)).Last().Total);
    }

    [Fact]
    public async Task A_downgrade_costs_nothing_now_and_applies_with_the_renewal_at_the_period_end()
    {
        var bought = await BuyAsync("professional", "monthly", "guest_messaging");
        var s = await SubscriptionAsync(bought);
        Assert.Equal(21_800, s.Amount);
        Clock.SetUtcNow(s.CurrentPeriodStart.AddDays(10));
        var customer = await CustomerAsync(bought);

        var applied = await OkAsync(customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/change", new { plan = "basic", features = Array.Empty<string>() }));
        Assert.Equal("at_period_end", applied.GetProperty("timing").GetString());
        Assert.Equal(0, applied.GetProperty("amount_due_now").GetProperty("amount").GetInt64());
        Assert.Equal(9_900, applied.GetProperty("next_renewal_amount").GetProperty("amount").GetInt64());
        Assert.Equal(s.CurrentPeriodEnd, applied.GetProperty("effective_at").GetDateTimeOffset());
        var tenant = await TenantAsync(bought);
        Assert.Equal("professional", tenant.Plan);
        Assert.Equal(120, tenant.Limits["rooms"]);
        Assert.Single(await OrdersAsync(bought));

        var end = s.CurrentPeriodEnd;
        s = await MoveClockAsync(bought, end, x => x.CurrentPeriodStart == end, "the renewal");
        Assert.Equal("basic", s.Plan);
        Assert.Empty(s.Features);
        Assert.Null(s.PendingChange);
        Assert.Equal(9_900, (await OrdersAsync(bought)).Last().Total);
        tenant = await TenantAsync(bought);
        Assert.Equal("basic", tenant.Plan);
        Assert.Equal(30, tenant.Limits["rooms"]);
        Assert.Empty(tenant.Features);
    }

    [Fact]
    public async Task Cancelling_at_period_end_can_be_undone_until_then_after_which_the_tenant_stops_and_is_deleted_after_the_grace_period()
    {
        var bought = await BuyAsync();
        var customer = await CustomerAsync(bought);
        var cancelled = await OkAsync(customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/cancel", new { at_period_end = true }));
        Assert.True(cancelled.GetProperty("cancel_at_period_end").GetBoolean());
        var resumed = await OkAsync(customer.PostAsync($"/api/v1/me/tenants/{bought.TenantId}/subscription/resume", null));
        Assert.False(resumed.GetProperty("cancel_at_period_end").GetBoolean());
        await OkAsync(customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/cancel", new { at_period_end = true }));

        var end = (await SubscriptionAsync(bought)).CurrentPeriodEnd;
        var s = await MoveClockAsync(bought, end, x => x.Status == SubscriptionStatus.Cancelled, "the cancellation at period end");
        Assert.Equal(end.AddDays(30), s.DeleteTenantAfter);
        var tenant = await TenantAsync(bought);
        Assert.Equal(TenantStatus.Cancelled, tenant.Status); // the site stops at once
        Assert.Single(await OrdersAsync(bought)); // not renewed
        var databases = _app.Services.GetRequiredService<TenantDatabases>();
        var location = new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName);
        Assert.True(await databases.ExistsAsync(location, CancellationToken.None));

        Clock.SetUtcNow(end.AddDays(30));
        await WaitForAsync(db => db.Set<Tenant>().AsNoTracking().SingleAsync(t => t.Id == bought.TenantId), t => t.Status == TenantStatus.Deleted, "the tenant deleted");
        Assert.False(await databases.ExistsAsync(location, CancellationToken.None));
        Clock.SetUtcNow(end.AddDays(30).AddHours(1)); // billing notes the deletion when it next looks
        s = await WaitForSubscriptionAsync(bought, x => x.TenantDeletedAt is not null, "billing noting the deletion");
        Assert.Equal(1, Topic(await MailsAsync(bought, "subscription_notice"), "cancelled"));
    }

    [Fact]
    public async Task An_administrator_cancels_immediately_with_a_prorated_refund_of_the_current_period()
    {
        var bought = await BuyAsync();
        var s = await SubscriptionAsync(bought);
        var quarter = s.CurrentPeriodStart + (s.CurrentPeriodEnd - s.CurrentPeriodStart) / 4;
        Clock.SetUtcNow(quarter);
        var expected = (long)Math.Round(9_900 * 0.75, MidpointRounding.AwayFromZero);

        var admin = await _shop.AdminAsync();
        var result = await OkAsync(admin.PostAsJsonAsync($"/api/v1/admin/subscriptions/{s.Id}/cancel", new { immediately = true, refund = true, reason = "customer asked" }));
        Assert.Equal("cancelled", result.GetProperty("subscription").GetProperty("status").GetString());
        Assert.Equal(expected, result.GetProperty("refund_amount").GetProperty("amount").GetInt64());
        Assert.Equal(TenantStatus.Cancelled, (await TenantAsync(bought)).Status);

        var refund = await WaitForAsync(db => db.Set<RefundRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.OrderId == bought.OrderId),
            r => r?.Status == RefundStatus.Succeeded, "the refund confirmed by the sandbox");
        Assert.Equal(expected, refund!.Amount);
        var order = await WithDb(db => db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == bought.OrderId));
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal(expected, order.RefundedAmount);
        Assert.Contains(await WithDb(db => db.Set<Vozex.Web.Modules.Admin.Audit.AuditEntry>().AsNoTracking().Select(a => a.Action).ToListAsync()), a => a == "subscription.cancel");
    }

    [Fact]
    public async Task A_refund_of_the_paid_saas_item_cancels_its_subscription_and_its_next_step_is_the_deletion_not_a_renewal()
    {
        var bought = await BuyAsync();
        var admin = await _shop.AdminAsync();
        await OkAsync(admin.PostAsJsonAsync($"/api/v1/admin/orders/{bought.OrderId}/refunds", new { reason = "changed their mind" }));
        var s = await WaitForSubscriptionAsync(bought, x => x.Status == SubscriptionStatus.Cancelled, "the cancellation by the refund");
        Assert.Equal("refunded", s.CancelReason);
        Assert.Equal(TenantStatus.Cancelled, (await TenantAsync(bought)).Status);
        Assert.Equal(s.DeleteTenantAfter, s.NextAttemptAt); // what is next is the deletion, not a renewal
        Assert.Single(await OrdersAsync(bought));
    }

    /// <summary>A cookie-signed-in browser (static SSR forms): loads a page for its antiforgery token, posts a named form.</summary>
    private async Task<HttpClient> BrowserAsync(string email, string password)
    {
        var browser = _shop.NewClient();
        var response = await SubmitAsync(browser, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string url, string formName, Dictionary<string, string> fields,
        IEnumerable<KeyValuePair<string, string>>? repeated = null)
    {
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        fields["__RequestVerificationToken"] = token;
        fields["_handler"] = formName;
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields.Concat(repeated ?? [])));
    }

    [Fact]
    public async Task The_customer_page_previews_a_change_and_cancels_and_the_admin_page_lists_and_acts_in_bulk()
    {
        var bought = await BuyAsync();
        var s = await SubscriptionAsync(bought);
        Clock.SetUtcNow(s.CurrentPeriodStart + (s.CurrentPeriodEnd - s.CurrentPeriodStart) / 2);
        var browser = await BrowserAsync(bought.Email, AccountsTestClient.Password);
        var url = $"/account/tenants/{bought.TenantId}/subscription";

        var page = await (await browser.GetAsync(url)).Content.ReadAsStringAsync();
        Assert.Contains("data-status=\"active\"", page, StringComparison.Ordinal);
        Assert.Contains("$99 on", page, StringComparison.Ordinal);

        var preview = await SubmitAsync(browser, url, "change", new() { ["plan"] = "enterprise", ["billing_cycle"] = "monthly", ["intent"] = "preview" });
        var previewed = await preview.Content.ReadAsStringAsync();
        Assert.Contains("id=\"change-preview\"", previewed, StringComparison.Ordinal);
        Assert.Contains("$175", previewed, StringComparison.Ordinal);
        Assert.Equal("basic", (await SubscriptionAsync(bought)).Plan);

        var cancelled = await SubmitAsync(browser, url, "cancel", []);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.True((await SubscriptionAsync(bought)).CancelAtPeriodEnd);

        var stranger = AccountsTestClient.NewEmail();
        await _shop.NewClient().SignUpAndLoginAsync(stranger);
        var strangerBrowser = await BrowserAsync(stranger, AccountsTestClient.Password);
        Assert.Contains("No such subscription.", await (await strangerBrowser.GetAsync(url)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var admin = await BrowserAsync(VozexAppFactory.AdminEmail, VozexAppFactory.AdminPassword);
        var list = await (await admin.GetAsync("/admin/subscriptions?status=active")).Content.ReadAsStringAsync();
        Assert.Contains($"data-subscription-id=\"{s.Id}\"", list, StringComparison.Ordinal);
        var bulk = await SubmitAsync(admin, "/admin/subscriptions", "bulk", new() { ["action"] = "resume" },
            [new("ids", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Contains("1 changed", await bulk.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await SubscriptionAsync(bought)).CancelAtPeriodEnd);
    }

    [Fact]
    public async Task Changes_name_the_bad_field_and_another_customers_subscription_is_not_found()
    {
        var bought = await BuyAsync();
        var customer = await CustomerAsync(bought);
        var bad = await customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/change-preview", new { plan = "galactic", features = new[] { "booking_engine", "teleport" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("plan", out _));
        Assert.True(errors.TryGetProperty("features[1]", out _));
        Assert.Equal("basic", (await SubscriptionAsync(bought)).Plan);

        var cancelNow = await customer.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/cancel", new { at_period_end = false });
        Assert.Equal(HttpStatusCode.BadRequest, cancelNow.StatusCode);
        Assert.False((await SubscriptionAsync(bought)).CancelAtPeriodEnd);

        var stranger = await _shop.CustomerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/me/tenants/{bought.TenantId}/subscription")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/change", new { plan = "enterprise" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/me/tenants/{bought.TenantId}/cancel", new { at_period_end = true })).StatusCode);
        Assert.Equal("basic", (await SubscriptionAsync(bought)).Plan);
    }

    [Fact]
    public async Task Administrators_list_subscriptions_by_status_and_act_on_them_in_bulk()
    {
        var one = await BuyAsync();
        var two = await BuyAsync();
        var ids = new[] { (await SubscriptionAsync(one)).Id, (await SubscriptionAsync(two)).Id };
        var admin = await _shop.AdminAsync();

        var bulk = await OkAsync(admin.PostAsJsonAsync("/api/v1/admin/subscriptions/bulk", new { ids = ids.Append(987_654_321L), action = "cancel_at_period_end" }));
        var outcomes = bulk.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["changed", "changed", "not_found"], outcomes);
        Assert.True((await SubscriptionAsync(one)).CancelAtPeriodEnd);

        var active = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/subscriptions?status=active&page_size=100");
        Assert.Contains(active.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == ids[0]);
        Assert.All(active.GetProperty("items").EnumerateArray(), i => Assert.Equal("active", i.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/admin/subscriptions?status=sleeping")).StatusCode);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/subscriptions?status=cancelled")).GetProperty("total").GetInt32());
        var invalid = await admin.PostAsJsonAsync("/api/v1/admin/subscriptions/bulk", new { ids, action = "explode" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await CustomerAsync(one)).GetAsync("/api/v1/admin/subscriptions")).StatusCode);
    }

    [Fact]
    public async Task An_annual_subscription_mails_a_renewal_reminder_once_a_week_before_it_renews()
    {
        var bought = await BuyAsync("basic", "annual");
        var s = await SubscriptionAsync(bought);
        Assert.Equal(s.CurrentPeriodStart.AddMonths(12), s.CurrentPeriodEnd);
        Assert.Equal(95_040, s.Amount); // 9 900 × 12 − 20 %
        var reminderAt = s.CurrentPeriodEnd.AddDays(-7);
        s = await MoveClockAsync(bought, reminderAt, x => x.ReminderSentFor == x.CurrentPeriodEnd, "the reminder");
        Assert.Equal(s.CurrentPeriodEnd, s.NextAttemptAt); // nothing more is due before the renewal itself
        var notices = await MailsAsync(bought, "subscription_notice");
        Assert.Equal(1, Topic(notices, "renewal_reminder"));
        Assert.Contains("$950.40", notices.Single(), StringComparison.Ordinal);
    }
}

/// <summary>
/// The app reads "now" from the <see cref="FakeTimeProvider"/>, but its timers run on the wall clock. Moving a fake clock by
/// months would otherwise fire every periodic timer once per missed period, synchronously inside SetUtcNow (a 1-minute sweep
/// is half a million sweeps in a year), which on SQLite runs each sweep's query on the test's thread.
/// </summary>
internal sealed class SimulatedNow(FakeTimeProvider clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();
}

public sealed class SqliteSubscriptionTests : SubscriptionTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection("postgres")]
public sealed class PostgresSubscriptionTests(PostgresCluster cluster) : SubscriptionTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
