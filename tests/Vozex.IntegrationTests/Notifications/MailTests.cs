using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Vozex.IntegrationTests.Accounts;
using Vozex.IntegrationTests.Checkout;
using Vozex.IntegrationTests.Fakes;
using Vozex.Testing;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Modules.Notifications.Mailbox;
using Vozex.Web.Modules.Notifications.Outbox;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Modules.Payments.Webhooks;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.IntegrationTests.Notifications;

/// <summary>
/// Mail through the real app: the outbox written with the payment, the leased sender, the local mailbox (API and
/// pages) and real SMTP delivery to an in-process server that can be down.
/// </summary>
public abstract partial class MailTests : IAsyncLifetime
{
    private const string WebhookSecret = "whsec_dm96ZXgtdGVzdC1zZWNyZXQtMjRieXRl";

    /// <summary>A sender that looks for work often and retries quickly, so tests wait on conditions, not on clocks.</summary>
    private static readonly Dictionary<string, string?> FastSender = new()
    {
        ["Vozex:Payments:Sandbox:WebhookSecret"] = WebhookSecret,
        ["Vozex:Mail:Sender:IdlePoll"] = "00:00:00.050",
        ["Vozex:Mail:Sender:RetryBase"] = "00:00:00.050",
        ["Vozex:Mail:Sender:RetryMax"] = "00:00:00.250",
        ["Vozex:Mail:Sender:MaxAttempts"] = "1000",
    };

    private VozexAppFactory _app = null!;
    private SandboxPurchases _shop = null!;
    private readonly FakeSmtpServer _smtp = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task StartAsync(bool smtp = false, bool fakeClock = false, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(FastSender);
        if (smtp)
        {
            all["Vozex:Mail:Smtp:Host"] = "127.0.0.1";
            all["Vozex:Mail:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            all["Vozex:Mail:Smtp:From"] = "VOZEX Shop <shop@vozex.test>";
            all["Vozex:Mail:Smtp:Timeout"] = "00:00:05";
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        _app = await CreateAppAsync(all);
        if (fakeClock) _app.WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        if (services is not null) _app.WithServices(services);
        _app.UseKestrel(0);
        _app.StartServer();
        _shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);
    }

    private async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting: {what}.");
            await Task.Delay(50);
        }
    }

    private Task<List<OutboxMail>> OutboxAsync() => WithDb(db => db.Set<OutboxMail>().AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>Waits until the outbox has no unsent mail left, so a count taken afterwards is final.</summary>
    private Task OutboxSettledAsync() => WaitUntilAsync(
        () => WithDb(db => db.Set<OutboxMail>().AllAsync(m => m.Status == WorkStatus.Done || m.Status == WorkStatus.Failed)), "the outbox to settle");

    private async Task<JsonElement> MailboxAsync(HttpClient admin, string to)
    {
        var response = await admin.GetAsync($"/api/v1/admin/mailbox?to={Uri.EscapeDataString(to)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> WaitForMailboxAsync(HttpClient admin, string to, int count)
    {
        JsonElement list = default;
        await WaitUntilAsync(async () => (list = await MailboxAsync(admin, to)).GetProperty("total").GetInt32() >= count, $"{count} message(s) for {to}");
        return list;
    }

    private string EnqueueAndSave(IMail mail)
    {
        using var scope = _app.Services.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMailOutbox>();
        var messageId = mail switch
        {
            OrderConfirmationMail m => outbox.Enqueue(m),
            PaymentFailedMail m => outbox.Enqueue(m),
            PasswordResetMail m => outbox.Enqueue(m),
            _ => throw new ArgumentOutOfRangeException(nameof(mail)),
        };
        scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SaveChanges();
        outbox.WakeSender();
        return messageId;
    }

    private static OrderConfirmationMail Confirmation(string email, string number = "VZX-TEST0-00001") => new(
        new MailRecipient(email, "Grace Hopper"), Guid.NewGuid(), number, "Grace Hopper",
        [new MailOrderItem("SentinelScan", "security_tool", null, [new MailPriceLine("Standard license", new Money(49_900, "USD"))],
            new Money(0, "USD"), new Money(49_900, "USD"), null, null)],
        new Money(49_900, "USD"), new Money(0, "USD"), new Money(49_900, "USD"), DateTimeOffset.UtcNow);

    [Fact]
    public async Task Paying_an_order_on_the_sandbox_puts_exactly_one_confirmation_with_the_order_details_in_the_local_mailbox()
    {
        await StartAsync();
        var email = AccountsTestClient.NewEmail();
        var tokens = await _shop.NewClient().SignUpAndLoginAsync(email, name: "Ada Lovelace");
        var customer = _shop.NewClient(tokens.AccessToken());
        var placed = await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.SaasItem(), SandboxPurchases.SelfHostedItem());
        await _shop.SubmitAsync(placed, "pay", times: 2); // a double click: one payment, one mail
        var order = await SandboxPurchases.WaitForPaidAsync(customer, placed);

        // The self-hosted item's license mail arrives beside the confirmation; the confirmation itself is sent once.
        var admin = await _shop.AdminAsync();
        await WaitForMailboxAsync(admin, email, 2);
        await OutboxSettledAsync();
        var list = await MailboxAsync(admin, email);
        // Items may bring mails of their own (a license, tenant credentials): count the confirmations.
        var summary = Assert.Single(list.GetProperty("items").EnumerateArray(), m => m.GetProperty("kind").GetString() == "order_confirmation");
        var number = order.GetProperty("order_number").GetString()!;
        Assert.Contains(number, summary.GetProperty("subject").GetString());

        var message = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/mailbox/{summary.GetProperty("id").GetInt64()}");
        var text = message.GetProperty("text_body").GetString()!;
        var html = message.GetProperty("html_body").GetString()!;
        Assert.Equal(email, message.GetProperty("to").GetString());
        Assert.Contains("Ada Lovelace", text);
        Assert.Contains("Ada Lovelace", html);
        foreach (var item in order.GetProperty("items").EnumerateArray())
        {
            Assert.Contains(item.GetProperty("product_name").GetString()!, text);
            Assert.Contains(WebUtility.HtmlEncode(item.GetProperty("product_name").GetString()!), html);
            foreach (var line in item.GetProperty("lines").EnumerateArray())
            {
                Assert.Contains($"{line.GetProperty("label").GetString()}: {Display(line.GetProperty("amount"))}", text);
                Assert.Contains(Display(line.GetProperty("amount")), html);
            }
        }
        Assert.Contains($"Total paid: {Display(order.GetProperty("total"))}", text);
        var link = new Uri(_app.ClientOptions.BaseAddress, $"/orders/{placed.GetProperty("order_id").GetString()}").ToString();
        Assert.Contains(link, text);
        Assert.Contains($"href=\"{link}\"", html);

        // The page shows the same message to an administrator, the HTML part inside a sandboxed frame.
        var page = await admin.GetStringAsync($"/admin/mailbox?to={Uri.EscapeDataString(email)}");
        Assert.Contains(WebUtility.HtmlEncode(summary.GetProperty("subject").GetString()!), page);
        var view = await admin.GetStringAsync($"/admin/mailbox/{summary.GetProperty("id").GetInt64()}");
        Assert.Matches("<iframe[^>]* sandbox[ =][^>]*srcdoc=\"&lt;!DOCTYPE html&gt;", view); // an empty sandbox: no scripts, no forms, no same origin
        Assert.Contains(WebUtility.HtmlEncode("Ada Lovelace"), view);
        Assert.DoesNotContain("<table role=\"presentation\"", view); // the mail's markup is only inside srcdoc, encoded
    }

    [Fact]
    public async Task Declining_on_the_sandbox_mails_one_payment_failure_notice_with_a_link_to_pay_again()
    {
        await StartAsync();
        var email = AccountsTestClient.NewEmail();
        var tokens = await _shop.NewClient().SignUpAndLoginAsync(email, name: "Alan Turing");
        var customer = _shop.NewClient(tokens.AccessToken());
        var placed = await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.ServiceItem());
        await _shop.SubmitAsync(placed, "decline");
        var order = await SandboxPurchases.WaitForStatusAsync(customer, placed, "payment_failed");

        var admin = await _shop.AdminAsync();
        await WaitForMailboxAsync(admin, email, 1);
        await OutboxSettledAsync();
        var list = await MailboxAsync(admin, email);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("payment_failed", list.GetProperty("items")[0].GetProperty("kind").GetString());
        var message = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/mailbox/{list.GetProperty("items")[0].GetProperty("id").GetInt64()}");
        var text = message.GetProperty("text_body").GetString()!;
        Assert.Contains(order.GetProperty("order_number").GetString()!, message.GetProperty("subject").GetString());
        Assert.Contains("Alan Turing", text);
        Assert.Contains("declined", text);
        Assert.Contains(order.GetProperty("items")[0].GetProperty("product_name").GetString()!, text);
        Assert.Contains(new Uri(_app.ClientOptions.BaseAddress, $"/orders/{placed.GetProperty("order_id").GetString()}").ToString(), text);
    }

    [Fact]
    public async Task The_mailbox_is_for_administrators_only_and_filters_and_pages_by_recipient()
    {
        await StartAsync();
        var customer = await _shop.CustomerAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/mailbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _shop.NewClient().GetAsync("/api/v1/admin/mailbox")).StatusCode);

        var a = AccountsTestClient.NewEmail();
        var b = AccountsTestClient.NewEmail();
        for (var i = 0; i < 3; i++) EnqueueAndSave(Confirmation(a, $"VZX-AAAAA-0000{i}"));
        EnqueueAndSave(Confirmation(b));
        var admin = await _shop.AdminAsync();
        await WaitForMailboxAsync(admin, a, 3);

        var page1 = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/mailbox?to={Uri.EscapeDataString(a)}&page=1&page_size=2");
        var page2 = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/mailbox?to={Uri.EscapeDataString(a)}&page=2&page_size=2");
        Assert.Equal(3, page2.GetProperty("total").GetInt32());
        Assert.Equal(2, page1.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page2.GetProperty("items").GetArrayLength());
        var both = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).ToList();
        Assert.All(both, m => Assert.Equal(a, m.GetProperty("to").GetString()));
        Assert.Equal(["VZX-AAAAA-00000", "VZX-AAAAA-00001", "VZX-AAAAA-00002"],
            both.Select(m => Regex.Match(m.GetProperty("subject").GetString()!, "VZX-[A-Z0-9-]+").Value).Order());

        var bad = await admin.GetAsync("/api/v1/admin/mailbox?page_size=1000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/admin/mailbox/999999")).StatusCode);
    }

    [Fact]
    public async Task An_enqueued_mail_is_written_only_by_the_callers_save_and_a_failing_save_writes_none()
    {
        await StartAsync();
        var email = AccountsTestClient.NewEmail();
        string failedId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            failedId = scope.ServiceProvider.GetRequiredService<IMailOutbox>().Enqueue(Confirmation(email));
            Assert.False(await db.Set<OutboxMail>().AnyAsync(m => m.MessageId == failedId)); // nothing before the save
            // The event's own write fails (a duplicate webhook id violates its unique key): the mail goes with it.
            foreach (var _ in new[] { 1, 2 })
                db.Add(new WebhookInboxEntry { Gateway = "sandbox", WebhookId = "msg_same", EventType = "x", Body = "{}", Headers = "{}" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        Assert.False(await WithDb(db => db.Set<OutboxMail>().AnyAsync(m => m.MessageId == failedId)));

        var savedId = EnqueueAndSave(Confirmation(email));
        var admin = await _shop.AdminAsync();
        await WaitForMailboxAsync(admin, email, 1);
        await OutboxSettledAsync();
        var list = await MailboxAsync(admin, email);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(savedId, list.GetProperty("items")[0].GetProperty("message_id").GetString());
    }

    [Fact]
    public async Task Smtp_delivers_the_mail_with_text_and_html_parts_under_the_outbox_message_id_and_nothing_goes_to_the_local_mailbox()
    {
        await _smtp.StartAsync();
        await StartAsync(smtp: true);
        var email = AccountsTestClient.NewEmail();
        var messageId = EnqueueAndSave(Confirmation(email, "VZX-SMTP0-00001"));

        await WaitUntilAsync(() => Task.FromResult(_smtp.Received.Count >= 1), "the SMTP server to receive the mail");
        await OutboxSettledAsync();
        var received = Assert.Single(_smtp.Received);
        Assert.Equal(messageId, received.MessageId);
        Assert.Equal("shop@vozex.test", received.From.Mailboxes.Single().Address);
        Assert.Equal(email, received.To.Mailboxes.Single().Address);
        Assert.Equal("Grace Hopper", received.To.Mailboxes.Single().Name);
        Assert.Contains("VZX-SMTP0-00001", received.Subject);
        Assert.Contains("SentinelScan", received.TextBody);
        Assert.Contains("Standard license: $499", received.TextBody);
        Assert.Contains("SentinelScan", received.HtmlBody);
        Assert.IsType<MultipartAlternative>(received.Body);

        var row = Assert.Single(await OutboxAsync());
        Assert.Equal(WorkStatus.Done, row.Status);
        Assert.Equal("smtp", row.DeliveredVia);
        Assert.NotNull(row.SentAt);
        Assert.Equal(0, await WithDb(db => db.Set<MailboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task With_smtp_down_while_50_orders_are_paid_every_confirmation_arrives_exactly_once_after_it_comes_back()
    {
        const int count = 50;
        await StartAsync(smtp: true, settings: new Dictionary<string, string?> { ["Vozex:Mail:Sender:Parallelism"] = "4" });
        var orders = new List<Order>();
        for (var i = 0; i < count; i++) orders.Add(await NewOrderAsync());
        await Task.WhenAll(orders.Select(o => PostWebhookAsync(PaymentSucceeded(o))));

        // Every order is paid and every mail is queued and has failed at least once against the closed port.
        await WaitUntilAsync(() => WithDb(db => db.Set<Order>().CountAsync(o => o.Status == OrderStatus.Paid)).ContinueWith(t => t.Result == count), "every order to be paid", 60);
        await WaitUntilAsync(async () =>
        {
            var rows = await OutboxAsync();
            return rows.Count == count && rows.All(r => r.Status == WorkStatus.Retrying);
        }, "every mail to have failed against the down server", 60);
        Assert.Empty(_smtp.Received);

        await _smtp.StartAsync();
        await WaitUntilAsync(async () => (await OutboxAsync()).All(r => r.Status == WorkStatus.Done), "every mail to be sent", 60);

        var rowsAfter = await OutboxAsync();
        var received = _smtp.Received;
        Assert.Equal(count, received.Count);
        Assert.Equal(rowsAfter.Select(r => r.MessageId).Order(), received.Select(m => m.MessageId).Order());
        foreach (var order in orders)
            Assert.Single(received, m => (m.Subject ?? "").Contains(order.Number, StringComparison.Ordinal) && m.To.Mailboxes.Single().Address == order.CustomerEmail);
        Assert.All(rowsAfter, r => Assert.True(r.Attempts >= 2, $"Mail {r.Id} was sent on attempt {r.Attempts}, so it never met the down server."));
    }

    [Fact]
    public async Task A_failed_send_waits_out_its_backoff_and_is_sent_once_when_the_server_is_back()
    {
        await StartAsync(smtp: true, fakeClock: true, settings: new Dictionary<string, string?>
        {
            ["Vozex:Mail:Sender:RetryBase"] = "00:01:00",
            ["Vozex:Mail:Sender:RetryMax"] = "00:10:00",
        });
        var messageId = EnqueueAndSave(Confirmation(AccountsTestClient.NewEmail()));
        await WaitUntilAsync(async () => (await OutboxAsync()).Single() is { Status: WorkStatus.Retrying, Attempts: 1 }, "the first attempt to fail");
        var row = (await OutboxAsync()).Single();
        Assert.InRange(row.NextAttemptAt - _clock.GetUtcNow(), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)); // base 1 min: half fixed, half jitter
        Assert.NotNull(row.LastError);

        // The server is back, but the mail is not due yet: a pass of the sender claims nothing.
        await _smtp.StartAsync();
        var runner = _app.Services.GetRequiredService<LeaseRunner<OutboxMail>>();
        Assert.Equal(0, await runner.RunOnceAsync(CancellationToken.None));
        Assert.Empty(_smtp.Received);

        _clock.Advance(TimeSpan.FromSeconds(61));
        _app.Services.GetRequiredService<WorkSignal<OutboxMail>>().Pulse();
        await WaitUntilAsync(async () => (await OutboxAsync()).Single().Status == WorkStatus.Done, "the retry to send the mail");
        var sent = (await OutboxAsync()).Single();
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(messageId, Assert.Single(_smtp.Received).MessageId);
    }

    [Fact]
    public async Task A_mail_that_keeps_failing_is_marked_failed_with_its_error_after_the_attempt_limit()
    {
        await StartAsync(smtp: true, fakeClock: true, settings: new Dictionary<string, string?>
        {
            ["Vozex:Mail:Sender:MaxAttempts"] = "2",
            ["Vozex:Mail:Sender:RetryBase"] = "00:01:00",
        });
        EnqueueAndSave(Confirmation(AccountsTestClient.NewEmail()));
        await WaitUntilAsync(async () => (await OutboxAsync()).Single() is { Status: WorkStatus.Retrying, Attempts: 1 }, "the first attempt to fail");
        _clock.Advance(TimeSpan.FromMinutes(2));
        _app.Services.GetRequiredService<WorkSignal<OutboxMail>>().Pulse();
        await WaitUntilAsync(async () => (await OutboxAsync()).Single().Status == WorkStatus.Failed, "the mail to be given up");

        var row = (await OutboxAsync()).Single();
        Assert.Equal(2, row.Attempts);
        Assert.Null(row.SentAt);
        Assert.Null(row.LeaseOwner);
        Assert.False(string.IsNullOrEmpty(row.LastError));
        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task A_mail_claimed_by_a_sender_that_died_is_sent_once_by_another_after_the_lease_expires_under_the_same_message_id()
    {
        await _smtp.StartAsync();
        await StartAsync(smtp: true, fakeClock: true);
        var now = _clock.GetUtcNow();
        // What a node killed after claiming leaves behind: a lease it will never renew or release, and no outcome.
        var dead = new OutboxMail
        {
            Kind = "order_confirmation",
            MessageId = $"{Guid.NewGuid():N}@vozex",
            ToEmail = "survivor@example.com",
            Payload = JsonSerializer.Serialize(Confirmation("survivor@example.com"), new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            CreatedAt = now,
            NextAttemptAt = now,
            Attempts = 1,
            LeaseOwner = "dead-node/1/1",
            LeaseExpiresAt = now + TimeSpan.FromSeconds(30),
        };
        await WithDb(async db => { db.Add(dead); return await db.SaveChangesAsync(); });

        var runner = _app.Services.GetRequiredService<LeaseRunner<OutboxMail>>();
        Assert.Equal(0, await runner.RunOnceAsync(CancellationToken.None));
        Assert.Empty(_smtp.Received);

        _clock.Advance(TimeSpan.FromSeconds(31));
        _app.Services.GetRequiredService<WorkSignal<OutboxMail>>().Pulse();
        await WaitUntilAsync(async () => (await OutboxAsync()).Single().Status == WorkStatus.Done, "another sender to take the mail over");
        Assert.Equal(dead.MessageId, Assert.Single(_smtp.Received).MessageId);
        Assert.Equal(2, (await OutboxAsync()).Single().Attempts);
    }

    [Fact]
    public async Task Forgot_password_mails_a_working_reset_link_that_never_appears_in_logs_or_stays_in_the_outbox()
    {
        await StartAsync(
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" },
            services: s => s.AddFakeLogging());
        var email = AccountsTestClient.NewEmail();
        await _shop.NewClient().SignUpAndLoginAsync(email, name: "Katherine Johnson");
        var asked = await _shop.NewClient().PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);

        var admin = await _shop.AdminAsync();
        var list = await WaitForMailboxAsync(admin, email, 1);
        var message = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/mailbox/{list.GetProperty("items")[0].GetProperty("id").GetInt64()}");
        Assert.Equal("password_reset", message.GetProperty("kind").GetString());
        var link = ResetLink().Match(message.GetProperty("text_body").GetString()!);
        Assert.True(link.Success, "The mail has no reset link.");
        var code = Uri.UnescapeDataString(link.Groups["code"].Value);
        Assert.Contains(WebUtility.HtmlEncode(link.Value), message.GetProperty("html_body").GetString());

        var reset = await _shop.NewClient().PostAsJsonAsync("/api/v1/auth/reset-password", new { email, token = code, password = "a brand new password 7" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _shop.NewClient().LoginAsync(email, "a brand new password 7")).StatusCode);

        await OutboxSettledAsync();
        Assert.Equal(OutboxMail.RedactedPayload, (await OutboxAsync()).Single(m => m.Kind == "password_reset").Payload);
        var logs = _app.Services.GetFakeLogCollector().GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.Contains(logs, r => r.Message.Contains("password_reset", StringComparison.Ordinal)); // the send itself was logged
        Assert.DoesNotContain(logs, r => r.Message.Contains(code, StringComparison.Ordinal) || (r.Exception?.ToString().Contains(code, StringComparison.Ordinal) ?? false));
    }

    [GeneratedRegex(@"https?://\S+/account/reset-password\?email=\S+&code=(?<code>[A-Za-z0-9_\-%]+)")]
    private static partial Regex ResetLink();

    private static string Display(JsonElement money) =>
        new Money(money.GetProperty("amount").GetInt64(), money.GetProperty("currency").GetString()!).Display();

    private async Task<Order> NewOrderAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var order = new Order
        {
            Number = Order.NewNumber(),
            CustomerId = Guid.NewGuid(),
            CustomerEmail = AccountsTestClient.NewEmail(),
            Currency = "USD",
            Subtotal = 49_900,
            Total = 49_900,
            Gateway = "sandbox",
            CreatedAt = now,
            ExpiresAt = now + Order.PaymentWindow,
            Items =
            [
                new OrderItem
                {
                    Position = 0, ProductId = 1, ProductSlug = "sentinelscan", ProductName = "SentinelScan", ProductType = "security_tool",
                    DeliveryModel = "self_hosted", Configuration = "{}", Lines = [new OrderLine("Standard license", 49_900)],
                    Subtotal = 49_900, Total = 49_900,
                },
            ],
        };
        await WithDb(async db => { db.Add(order); return await db.SaveChangesAsync(); });
        return order;
    }

    private static string PaymentSucceeded(Order order) => JsonSerializer.Serialize(new
    {
        business_id = "bus_test",
        type = "payment.succeeded",
        timestamp = DateTimeOffset.UtcNow,
        data = new { payload_type = "Payment", payment_id = $"pay_{order.Id:N}", status = "succeeded", total_amount = order.Total, currency = order.Currency, metadata = new { order_id = order.Id } },
    });

    private async Task PostWebhookAsync(string body)
    {
        var webhookId = "msg_" + Guid.NewGuid().ToString("N");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sandbox") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookVerifier.SignatureHeader(WebhookSecret, webhookId, ts, bytes));
        var response = await _shop.NewClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class SqliteMailTests : MailTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMailTests(PostgresCluster cluster) : MailTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
