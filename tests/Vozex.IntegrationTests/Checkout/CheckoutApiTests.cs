using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.IntegrationTests.Accounts;
using Vozex.Testing;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.Checkout;

/// <summary>
/// Checkout and the sandbox gateway end to end over real HTTP on loopback (Kestrel): the sandbox's webhook
/// travels from its delivery runner to /webhooks/sandbox like a real gateway's would.
/// </summary>
public abstract class CheckoutApiTests : IAsyncLifetime
{
    private VozexAppFactory _app = null!;
    private Uri _base = null!;
    private SandboxPurchases _shop = null!;

    protected abstract Task<VozexAppFactory> CreateAppAsync();

    public async Task InitializeAsync()
    {
        _app = await CreateAppAsync();
        _app.UseKestrel(0);
        _app.StartServer();
        _base = _app.ClientOptions.BaseAddress;
        _shop = new SandboxPurchases(_base);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpClient NewClient(string? accessToken = null) => _shop.NewClient(accessToken);

    private Task<HttpClient> CustomerAsync(string? name = null) => _shop.CustomerAsync(name);

    private static object SaasItem(string? subdomain = null) => SandboxPurchases.SaasItem(subdomain);

    private static object ServiceItem() => SandboxPurchases.ServiceItem();

    private static object SelfHostedItem() => SandboxPurchases.SelfHostedItem();

    private async Task<JsonElement> QuoteAsync(params object[] items)
    {
        var response = await NewClient().PostAsJsonAsync("/api/v1/quotes", new { items });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> CheckoutOkAsync(HttpClient client, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> CheckoutAsync(HttpClient client, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static Task<JsonElement> OrderAsync(HttpClient client, JsonElement placed) => SandboxPurchases.OrderAsync(client, placed);

    private static Task<JsonElement> WaitForStatusAsync(HttpClient client, JsonElement placed, string status) =>
        SandboxPurchases.WaitForStatusAsync(client, placed, status);

    private Task<HttpResponseMessage> SubmitSandboxAsync(JsonElement placed, string choice, int times = 1) => _shop.SubmitAsync(placed, choice, times);

    private async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    [Fact]
    public async Task A_customer_pays_on_the_sandbox_and_the_order_becomes_paid_exactly_once()
    {
        var customer = await CustomerAsync();
        var placed = await CheckoutOkAsync(customer, new { items = new[] { SaasItem(), SelfHostedItem(), ServiceItem() }, payment_gateway = "sandbox" });
        Assert.Equal("pending_payment", placed.GetProperty("status").GetString());
        Assert.StartsWith(_base.ToString().TrimEnd('/') + "/sandbox/checkout/", placed.GetProperty("checkout_url").GetString());

        // A double click on Pay: the second submit finds the session already paid.
        var paid = await SubmitSandboxAsync(placed, "pay", times: 2);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal($"/orders/{placed.GetProperty("order_id").GetString()}", paid.Headers.Location!.AbsolutePath);

        var order = await SandboxPurchases.WaitForPaidAsync(customer, placed);
        Assert.Equal(1, order.GetProperty("payments").GetArrayLength());
        Assert.Equal(order.GetProperty("total").GetProperty("amount").GetInt64(), order.GetProperty("payments")[0].GetProperty("amount").GetProperty("amount").GetInt64());
        await Task.Delay(500);
        Assert.Equal(1, (await OrderAsync(customer, placed)).GetProperty("payments").GetArrayLength());
        Assert.Equal(1, await WithDb(db => db.Set<WebhookInboxEntry>().CountAsync()));
    }

    [Fact]
    public async Task The_sandbox_gateway_reports_a_payment_and_refunds_it_at_most_once_in_full()
    {
        var customer = await CustomerAsync();
        var placed = await CheckoutOkAsync(customer, new { items = new[] { SelfHostedItem() }, payment_gateway = "sandbox" });
        await SubmitSandboxAsync(placed, "pay");
        var order = await SandboxPurchases.WaitForPaidAsync(customer, placed);
        var paymentId = order.GetProperty("payments")[0].GetProperty("gateway_payment_id").GetString()!;
        var total = order.GetProperty("total").GetProperty("amount").GetInt64();
        var sessionId = new Uri(placed.GetProperty("checkout_url").GetString()!).Segments[^1];

        await using var scope = _app.Services.CreateAsyncScope();
        var gateway = scope.ServiceProvider.GetRequiredService<IPaymentGatewayOperations>();
        var fetched = await gateway.FetchPaymentAsync("sandbox", sessionId, CancellationToken.None);
        Assert.Equal("succeeded", fetched!.Status);
        Assert.Equal(total, fetched.Amount.Amount);

        var part = await gateway.RefundAsync("sandbox", new RefundRequest(paymentId, new Money(total - 100, "USD"), "partial"), CancellationToken.None);
        Assert.True(part.Accepted, part.Error);
        var tooMuch = await gateway.RefundAsync("sandbox", new RefundRequest(paymentId, new Money(101, "USD"), "over"), CancellationToken.None);
        Assert.False(tooMuch.Accepted);
        var rest = await gateway.RefundAsync("sandbox", new RefundRequest(paymentId, new Money(100, "USD"), "rest"), CancellationToken.None);
        Assert.True(rest.Accepted, rest.Error);
        Assert.Equal("refunded", (await gateway.FetchPaymentAsync("sandbox", sessionId, CancellationToken.None))!.Status);

        // Each accepted refund is announced by a signed refund.succeeded webhook, stored in the inbox.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await WithDb(db => db.Set<WebhookInboxEntry>().CountAsync(e => e.EventType == "refund.succeeded")) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The refund webhooks did not arrive.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Declining_on_the_sandbox_makes_the_order_payment_failed()
    {
        var customer = await CustomerAsync();
        var placed = await CheckoutOkAsync(customer, new { items = new[] { SelfHostedItem() }, payment_gateway = "sandbox" });
        await SubmitSandboxAsync(placed, "decline");
        var order = await WaitForStatusAsync(customer, placed, "payment_failed");
        Assert.Equal(0, order.GetProperty("payments").GetArrayLength());
    }

    [Fact]
    public async Task Totals_and_prices_sent_by_the_client_are_ignored()
    {
        var customer = await CustomerAsync();
        var quote = await QuoteAsync(ServiceItem());
        var tampered = new
        {
            items = new object[] { new { product_slug = "brandcraft-logo-identity", price = 1, total = 1, configuration = new { package = "standard", requirements = "A logo for a bakery called Crumb.", timeline = "expedited", total = 1 } } },
            payment_gateway = "sandbox",
            total = 1,
        };
        var placed = await CheckoutOkAsync(customer, tampered);
        Assert.Equal(quote.GetProperty("total").GetProperty("amount").GetInt64(), placed.GetProperty("total").GetProperty("amount").GetInt64());
        Assert.True(placed.GetProperty("total").GetProperty("amount").GetInt64() > 1);
    }

    [Fact]
    public async Task The_order_snapshots_lines_and_configuration_so_catalog_edits_do_not_change_it()
    {
        var customer = await CustomerAsync();
        var placed = await CheckoutOkAsync(customer, new { items = new[] { SelfHostedItem() }, payment_gateway = "sandbox" });
        var before = await OrderAsync(customer, placed);

        await WithDb(async db =>
        {
            var product = await db.Set<Product>().SingleAsync(p => p.Slug == "sentinelscan");
            product.BasePrice += 100_000;
            product.Name = "Renamed";
            await db.SaveChangesAsync();
            return 0;
        });

        var after = await OrderAsync(customer, placed);
        Assert.Equal(before.GetProperty("items").ToString(), after.GetProperty("items").ToString());
        Assert.Equal("lifetime", after.GetProperty("items")[0].GetProperty("configuration").GetProperty("updates").GetString());
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_return_the_same_order_and_another_body_is_422()
    {
        var customer = await CustomerAsync();
        var body = new { items = new[] { SelfHostedItem() }, payment_gateway = "sandbox" };
        var first = await CheckoutOkAsync(customer, body, "key-1");
        var again = await CheckoutAsync(customer, body, "key-1");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.GetProperty("order_id").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("order_id").GetString());

        var other = await CheckoutAsync(customer, new { items = new[] { ServiceItem() }, payment_gateway = "sandbox" }, "key-1");
        await other.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, (await customer.GetFromJsonAsync<JsonElement>("/api/v1/orders")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_create_one_order()
    {
        var customer = await CustomerAsync();
        var body = new { items = new[] { SelfHostedItem() }, payment_gateway = "sandbox" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CheckoutAsync(customer, body, "burst")));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("order_id").GetString()));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Another_customers_order_is_404()
    {
        var owner = await CustomerAsync();
        var placed = await CheckoutOkAsync(owner, new { items = new[] { SelfHostedItem() }, payment_gateway = "sandbox" });
        var stranger = await CustomerAsync();
        var response = await stranger.GetAsync($"/api/v1/orders/{placed.GetProperty("order_id").GetString()}");
        await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>("/api/v1/orders")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Anonymous_checkout_is_401_and_a_customer_on_an_admin_route_is_403()
    {
        var anonymous = await CheckoutAsync(NewClient(), new { items = new[] { SelfHostedItem() }, payment_gateway = "sandbox" });
        await anonymous.ProblemAsync(HttpStatusCode.Unauthorized);
        var customer = await CustomerAsync();
        await (await customer.GetAsync("/api/v1/admin/users")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("paypal", null, "payment_gateway")]
    [InlineData(null, null, "payment_gateway")]
    [InlineData("sandbox", "https://evil.example/steal", "return_url")]
    [InlineData("sandbox", "//evil.example/steal", "return_url")]
    public async Task Bad_gateway_or_foreign_return_url_is_a_400_and_creates_nothing(string? gateway, string? returnUrl, string key)
    {
        var customer = await CustomerAsync();
        var response = await CheckoutAsync(customer, new { items = new[] { SelfHostedItem() }, payment_gateway = gateway, return_url = returnUrl });
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(key, out _), problem.ToString());
        Assert.Equal(0, await WithDb(db => db.Set<Order>().CountAsync()));
    }

    [Fact]
    public async Task An_invalid_configuration_is_a_400_keyed_by_path()
    {
        var customer = await CustomerAsync();
        var response = await CheckoutAsync(customer, new
        {
            items = new object[] { SelfHostedItem(), new { product_slug = "harborstay-hotel-pms", configuration = new { plan = "galactic", billing_cycle = "annual" } } },
            payment_gateway = "sandbox",
        });
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("items[1].configuration.plan", out _), problem.ToString());
    }

    [Fact]
    public async Task A_subdomain_held_by_another_order_is_refused_and_an_empty_one_is_derived_from_the_name()
    {
        var first = await CustomerAsync();
        await CheckoutOkAsync(first, new { items = new[] { SaasItem("crumb-bakery") }, payment_gateway = "sandbox" });

        var second = await CustomerAsync();
        var response = await CheckoutAsync(second, new { items = new[] { SaasItem("crumb-bakery") }, payment_gateway = "sandbox" });
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("items[0].configuration.subdomain", out _));

        var named = await CustomerAsync("Zoë Müller");
        var placed = await CheckoutOkAsync(named, new { items = new[] { SaasItem() }, payment_gateway = "sandbox" });
        var subdomain = (await OrderAsync(named, placed)).GetProperty("items")[0].GetProperty("subdomain").GetString();
        Assert.Matches("^zoe-muller", subdomain);
    }

    [Fact]
    public async Task Unpaid_orders_expire_and_free_their_subdomain()
    {
        var customer = await CustomerAsync();
        var placed = await CheckoutOkAsync(customer, new { items = new[] { SaasItem("expiring-shop") }, payment_gateway = "sandbox" });
        var id = Guid.Parse(placed.GetProperty("order_id").GetString()!);
        await WithDb(db => db.Set<Order>().Where(o => o.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        Assert.Equal(1, await _app.Services.GetRequiredService<OrderExpirySweeper>().SweepAsync(CancellationToken.None));

        Assert.Equal("expired", (await OrderAsync(customer, placed)).GetProperty("status").GetString());
        Assert.False(await WithDb(db => db.Set<SubdomainReservation>().AnyAsync(r => r.Subdomain == "expiring-shop")));
        await CheckoutOkAsync(await CustomerAsync(), new { items = new[] { SaasItem("expiring-shop") }, payment_gateway = "sandbox" });
    }

    [Fact]
    public async Task The_order_page_shows_the_status_to_its_owner()
    {
        var email = AccountsTestClient.NewEmail();
        var tokens = await NewClient().SignUpAndLoginAsync(email);
        var placed = await CheckoutOkAsync(NewClient(tokens.AccessToken()), new { items = new[] { SelfHostedItem() }, payment_gateway = "sandbox" });
        var anonymous = await NewClient().GetAsync($"/orders/{placed.GetProperty("order_id").GetString()}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString());
    }
}

public sealed class SqliteCheckoutApiTests : CheckoutApiTests
{
    protected override Task<VozexAppFactory> CreateAppAsync() => Task.FromResult(VozexAppFactory.Sqlite());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckoutApiTests(PostgresCluster cluster) : CheckoutApiTests
{
    protected override Task<VozexAppFactory> CreateAppAsync() => cluster.NewAppAsync();
}
