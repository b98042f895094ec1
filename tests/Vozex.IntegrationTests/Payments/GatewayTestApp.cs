using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.IntegrationTests.Accounts;
using Vozex.IntegrationTests.Fakes;
using Vozex.Testing;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.Payments;

/// <summary>Records what the refund contract publishes, as Tenancy, Licensing and ServiceOrders will receive it.</summary>
public sealed class RefundLog
{
    public List<OrderItemsRefunded> Events { get; } = [];
}

internal sealed class RecordingRefundObserver(RefundLog log) : IRefundObserver
{
    public Task OnItemsRefundedAsync(OrderItemsRefunded refund, CancellationToken cancellationToken)
    {
        lock (log.Events) log.Events.Add(refund);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The app on real Kestrel with both gateways pointed at loopback fakes (short timeouts and retry delays so fault tests
/// run quickly), and the fakes delivering webhooks back to the app's endpoints.
/// </summary>
public abstract class GatewayTestApp : IAsyncLifetime
{
    protected VozexAppFactory App { get; private set; } = null!;
    protected FakeDodoPayments Dodo { get; private set; } = null!;
    protected FakePayPal PayPal { get; private set; } = null!;
    protected Uri Base { get; private set; } = null!;
    protected RefundLog Refunds => App.Services.GetRequiredService<RefundLog>();

    protected abstract Task<VozexAppFactory> CreateAppAsync(Dictionary<string, string?> settings);

    public async Task InitializeAsync()
    {
        Dodo = await FakeDodoPayments.StartNewAsync();
        PayPal = await FakePayPal.StartNewAsync();
        App = await CreateAppAsync(new Dictionary<string, string?>
        {
            ["Vozex:Payments:DodoPayments:BaseUrl"] = Dodo.BaseUrl,
            ["Vozex:Payments:DodoPayments:ApiKey"] = FakeDodoPayments.ApiKey,
            ["Vozex:Payments:DodoPayments:WebhookSecret"] = FakeDodoPayments.Secret,
            ["Vozex:Payments:DodoPayments:AttemptTimeout"] = "00:00:01",
            ["Vozex:Payments:DodoPayments:RetryDelay"] = "00:00:00.050",
            ["Vozex:Payments:PayPal:BaseUrl"] = PayPal.BaseUrl,
            ["Vozex:Payments:PayPal:ClientId"] = FakePayPal.ClientId,
            ["Vozex:Payments:PayPal:ClientSecret"] = FakePayPal.ClientSecret,
            ["Vozex:Payments:PayPal:WebhookId"] = FakePayPal.WebhookId,
            ["Vozex:Payments:PayPal:AttemptTimeout"] = "00:00:01",
            ["Vozex:Payments:PayPal:RetryDelay"] = "00:00:00.050",
            // Tests sweep by hand; the background sweep waits an hour after its first (empty) run.
            ["Vozex:Payments:Reconciliation:Interval"] = "01:00:00",
        });
        App.WithServices(s => s.AddSingleton<RefundLog>().AddScoped<IRefundObserver, RecordingRefundObserver>());
        App.UseKestrel(0);
        App.StartServer();
        Base = App.ClientOptions.BaseAddress;
        Dodo.WebhookUrl = new Uri(Base, "/webhooks/dodo-payments").ToString();
        PayPal.WebhookUrl = new Uri(Base, "/webhooks/paypal").ToString();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Dodo.DisposeAsync();
        await PayPal.DisposeAsync();
    }

    protected HttpClient NewClient(string? accessToken = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Base };
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    protected async Task<HttpClient> CustomerAsync() =>
        NewClient((await NewClient().SignUpAndLoginAsync(AccountsTestClient.NewEmail(), name: "Ann Buyer")).AccessToken());

    protected async Task<HttpClient> AdminAsync() =>
        NewClient((await NewClient().LoginOkAsync(VozexAppFactory.AdminEmail, VozexAppFactory.AdminPassword)).AccessToken());

    protected static object SaasItem(string? subdomain = null) => new
    {
        product_slug = "harborstay-hotel-pms",
        configuration = new { plan = "professional", features = Array.Empty<string>(), billing_cycle = "annual", subdomain },
    };

    protected static object SelfHostedItem() => new
    {
        product_slug = "sentinelscan",
        configuration = new { license_type = "standard", support_plan = "priority", updates = "lifetime" },
    };

    protected static object ServiceItem() => new
    {
        product_slug = "brandcraft-logo-identity",
        configuration = new { package = "standard", requirements = "A logo for a bakery called Crumb.", timeline = "expedited" },
    };

    protected sealed record Placed(Guid OrderId, string SessionId, string CheckoutUrl, long Total, HttpClient Customer);

    protected async Task<Placed> CheckoutAsync(string gateway, params object[] items)
    {
        var customer = await CustomerAsync();
        var response = await customer.PostAsJsonAsync("/api/v1/checkout", new { items, payment_gateway = gateway });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var orderId = Guid.Parse(body.GetProperty("order_id").GetString()!);
        var session = await WithDb(db => db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => o.GatewaySessionId).SingleAsync());
        return new Placed(orderId, session!, body.GetProperty("checkout_url").GetString()!, body.GetProperty("total").GetProperty("amount").GetInt64(), customer);
    }

    protected async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    protected Task<Order> OrderAsync(Guid id) => WithDb(db => db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == id));

    /// <summary>Waits for the asynchronous inbox to bring the order to a state (a deadline only guards against hanging).</summary>
    protected async Task<Order> WaitForAsync(Guid orderId, OrderStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var order = await OrderAsync(orderId);
            // Fulfilment moves a paid order on by itself; "paid" means money taken and not refunded.
            if (order.Status == status || (status == OrderStatus.Paid && order.Status is OrderStatus.Fulfilled or OrderStatus.PartiallyFulfilled or OrderStatus.FulfillmentFailed))
                return order;
            Assert.True(DateTime.UtcNow < deadline, $"Order stayed {order.Status}, expected {status}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until every stored webhook is processed (done or failed for good).</summary>
    protected async Task InboxSettledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await WithDb(db => db.Set<Web.Modules.Payments.Inbox.WebhookInboxEntry>()
                   .AnyAsync(e => e.Status == Web.Platform.Jobs.WorkStatus.Pending || e.Status == Web.Platform.Jobs.WorkStatus.Retrying)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The inbox did not settle.");
            await Task.Delay(100);
        }
    }
}
