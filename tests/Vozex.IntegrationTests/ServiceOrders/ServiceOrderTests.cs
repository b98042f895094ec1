using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vozex.IntegrationTests.Accounts;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Vozex.Web.Modules.ServiceOrders.Assignment;
using Vozex.Web.Modules.ServiceOrders.Contracts;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.ServiceOrders;

/// <summary>Service orders from payment to a rated completion, through the real pipeline on Kestrel.</summary>
public abstract class ServiceOrderTests : IAsyncLifetime
{
    private static readonly string[] LogoSkills = ["branding", "graphic_design"];

    private VozexAppFactory _app = null!;
    private SandboxPurchases _shop = null!;
    private HttpClient _admin = null!;
    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task StartAsync(bool fakeClock = false)
    {
        _app = await CreateAppAsync(new Dictionary<string, string?> { ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.100" });
        if (fakeClock) _app.WithServices(s => s.AddSingleton<TimeProvider>(Clock));
        _app.UseKestrel(0);
        _app.StartServer();
        _shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);
        _admin = await _shop.AdminAsync();
        // The demo providers step aside so each test decides who qualifies.
        await WithDb(db => db.Set<Provider>().ExecuteUpdateAsync(s => s.SetProperty(p => p.Available, false)));
    }

    private async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    /// <summary>A provider who can sign in: registers as a customer, is made a provider by the admin, signs in again.</summary>
    private async Task<(Guid Id, HttpClient Client)> ProviderAsync(string name, string[] skills, int capacity = 3, bool available = true, (int Sum, int Count)? rating = null)
    {
        var email = AccountsTestClient.NewEmail();
        await _shop.NewClient().SignUpAndLoginAsync(email, name: name);
        var created = await _admin.PostAsJsonAsync("/api/v1/admin/providers", new { email, name, skills, capacity, available });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        if (rating is { } r)
            await WithDb(db => db.Set<Provider>().Where(p => p.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.RatingSum, r.Sum).SetProperty(p => p.RatingCount, r.Count)));
        var tokens = await _shop.NewClient().LoginOkAsync(email);
        return (id, _shop.NewClient(tokens.AccessToken()));
    }

    private async Task<(HttpClient Customer, Guid ServiceOrderId, JsonElement Order)> BuyLogoAsync(HttpClient? customer = null)
    {
        customer ??= await _shop.CustomerAsync("Crumb Bakery");
        var placed = await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.ServiceItem());
        await _shop.SubmitAsync(placed, "pay");
        var order = await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled");
        var reference = order.GetProperty("items")[0].GetProperty("fulfillment").GetProperty("external_reference_id").GetString()!;
        return (customer, Guid.Parse(reference), order);
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient client, string url, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var current = await client.GetFromJsonAsync<JsonElement>(url);
            if (condition(current)) return current;
            Assert.True(DateTime.UtcNow < deadline, $"Never {what}: {current}");
            await Task.Delay(100);
        }
    }

    private static Task<JsonElement> WaitForStatusAsync(HttpClient customer, Guid id, string status) =>
        WaitForAsync(customer, $"/api/v1/me/service-orders/{id}", o => o.GetProperty("status").GetString() == status, status);

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<int> OpenOrdersAsync(Guid providerId) => WithDb(db => db.Set<Provider>().Where(p => p.Id == providerId).Select(p => p.OpenOrders).SingleAsync());

    [Fact]
    public async Task A_paid_order_goes_to_the_available_provider_with_every_skill_best_rating_and_least_load()
    {
        await StartAsync();
        await ProviderAsync("Half skilled", ["graphic_design"], rating: (5, 1));
        await ProviderAsync("Best but away", LogoSkills, available: false, rating: (5, 1));
        var (busy, _) = await ProviderAsync("Busy", LogoSkills, rating: (4, 1));
        await WithDb(db => db.Set<Provider>().Where(p => p.Id == busy).ExecuteUpdateAsync(s => s.SetProperty(p => p.OpenOrders, 1)));
        var (expected, _) = await ProviderAsync("Expected", LogoSkills, rating: (4, 1));
        await ProviderAsync("Lower rated", LogoSkills, rating: (7, 2));

        var (customer, id, order) = await BuyLogoAsync();
        var assigned = await WaitForStatusAsync(customer, id, "assigned");
        Assert.Equal(expected, assigned.GetProperty("provider").GetProperty("id").GetGuid());
        Assert.Equal("Brand Identity", assigned.GetProperty("package").GetString());
        Assert.Equal("expedited", assigned.GetProperty("timeline").GetString());
        // Standard package: 10 days; expedited: × 0.75 → 180 hours after payment.
        Assert.Equal(order.GetProperty("paid_at").GetDateTimeOffset().AddHours(180), assigned.GetProperty("estimated_completion").GetDateTimeOffset());
        Assert.Equal(1, await OpenOrdersAsync(expected));
        Assert.Equal($"/service-orders/{id}", order.GetProperty("items")[0].GetProperty("fulfillment").GetProperty("external_workspace_url").GetString());
    }

    [Fact]
    public async Task With_no_qualified_provider_the_order_waits_and_is_assigned_when_one_becomes_available()
    {
        await StartAsync();
        var (away, _) = await ProviderAsync("Away", LogoSkills, available: false);
        var (customer, id, _) = await BuyLogoAsync();
        await Task.Delay(500);
        Assert.Equal("pending_assignment", (await customer.GetFromJsonAsync<JsonElement>($"/api/v1/me/service-orders/{id}")).GetProperty("status").GetString());

        await OkAsync(_admin.PutAsJsonAsync($"/api/v1/admin/providers/{away}", new { available = true }));
        var assigned = await WaitForStatusAsync(customer, id, "assigned");
        Assert.Equal(away, assigned.GetProperty("provider").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Twenty_waiting_orders_assigned_at_once_never_overfill_a_provider()
    {
        await StartAsync();
        var (first, _) = await ProviderAsync("First", LogoSkills, capacity: 2, available: false);
        var (second, _) = await ProviderAsync("Second", LogoSkills, capacity: 2, available: false);
        await WithDb(async db =>
        {
            for (var i = 0; i < 20; i++)
                db.Add(new ServiceOrder
                {
                    FulfillmentId = 5_000_000 + i, OrderId = Guid.NewGuid(), OrderNumber = "VZX-RACE0-00000", OrderItemId = 5_000_000 + i,
                    CustomerId = Guid.NewGuid(), CustomerEmail = "race@example.com", ProductSlug = "brandcraft-logo-identity",
                    ProductName = "BrandCraft", ProductType = "design_services", PackageId = "standard", PackageName = "Brand Identity",
                    Timeline = "standard", Requirements = "Race", RequiredSkills = [.. LogoSkills], CreatedAt = DateTimeOffset.UtcNow,
                    EstimatedCompletion = DateTimeOffset.UtcNow.AddDays(10),
                });
            return await db.SaveChangesAsync();
        });
        await WithDb(db => db.Set<Provider>().Where(p => p.Id == first || p.Id == second).ExecuteUpdateAsync(s => s.SetProperty(p => p.Available, true)));

        // Four drains race each other (and the node's own queue worker).
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ProviderAssignment>().DrainAsync(CancellationToken.None);
        }));

        var byProvider = await WithDb(db => db.Set<ServiceOrder>().Where(o => o.OrderNumber == "VZX-RACE0-00000")
            .GroupBy(o => o.ProviderId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(2, byProvider.Single(g => g.Key == first).Count);
        Assert.Equal(2, byProvider.Single(g => g.Key == second).Count);
        Assert.Equal(16, byProvider.Single(g => g.Key == null).Count);
        Assert.Equal(2, await OpenOrdersAsync(first));
        Assert.Equal(2, await OpenOrdersAsync(second));
    }

    [Fact]
    public async Task A_decline_frees_the_providers_capacity_and_sends_the_order_to_the_next_best()
    {
        await StartAsync();
        var (best, bestClient) = await ProviderAsync("Best", LogoSkills, rating: (5, 1));
        var (next, _) = await ProviderAsync("Next", LogoSkills, rating: (4, 1));
        var (customer, id, _) = await BuyLogoAsync();
        await WaitForStatusAsync(customer, id, "assigned");

        await OkAsync(bestClient.PostAsJsonAsync($"/api/v1/provider/service-orders/{id}/decline", new { body = "Fully booked this month." }));
        var reassigned = await WaitForAsync(customer, $"/api/v1/me/service-orders/{id}",
            o => o.GetProperty("status").GetString() == "assigned" && o.GetProperty("provider").GetProperty("id").GetGuid() == next, "reassigned");
        Assert.Contains(reassigned.GetProperty("messages").EnumerateArray(), m => m.GetProperty("kind").GetString() == "declined");
        Assert.Equal(0, await OpenOrdersAsync(best));
        Assert.Equal(1, await OpenOrdersAsync(next));
        // The decliner no longer sees it.
        Assert.Equal(HttpStatusCode.NotFound, (await bestClient.GetAsync($"/api/v1/provider/service-orders/{id}")).StatusCode);
    }

    [Fact]
    public async Task Deliver_accept_and_rate_complete_the_order_and_the_rating_changes_the_next_assignment()
    {
        await StartAsync();
        var (first, firstClient) = await ProviderAsync("First", LogoSkills, rating: (4, 1));
        var (second, _) = await ProviderAsync("Second", LogoSkills, rating: (7, 2));
        var (customer, id, _) = await BuyLogoAsync();
        await WaitForStatusAsync(customer, id, "assigned");

        await OkAsync(firstClient.PostAsync($"/api/v1/provider/service-orders/{id}/accept", null));
        await OkAsync(firstClient.PostAsync($"/api/v1/provider/service-orders/{id}/start", null));
        var logo = "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>"u8.ToArray();
        var delivered = await OkAsync(firstClient.PostAsJsonAsync($"/api/v1/provider/service-orders/{id}/deliver", new
        {
            body = "Three concepts attached.",
            attachments = new[] { new { file_name = "crumb-logo.svg", content_type = "image/svg+xml", content_base64 = Convert.ToBase64String(logo) } },
        }));
        Assert.Equal("delivered", delivered.GetProperty("status").GetString());
        Assert.NotNull(delivered.GetProperty("auto_completes_at").GetString());

        var view = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/me/service-orders/{id}");
        var attachment = view.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("kind").GetString() == "delivery").GetProperty("attachments")[0];
        var download = await customer.GetAsync($"/api/v1/me/service-orders/{id}/attachments/{attachment.GetProperty("id").GetString()}");
        Assert.Equal(logo, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("crumb-logo.svg", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var early = await customer.PostAsJsonAsync($"/api/v1/me/service-orders/{id}/rate", new { rating = 1 });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode); // not completed yet
        await OkAsync(customer.PostAsync($"/api/v1/me/service-orders/{id}/accept", null));
        Assert.Equal(0, await OpenOrdersAsync(first));
        var rated = await OkAsync(customer.PostAsJsonAsync($"/api/v1/me/service-orders/{id}/rate", new { rating = 1 }));
        Assert.Equal(1, rated.GetProperty("rating").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await customer.PostAsJsonAsync($"/api/v1/me/service-orders/{id}/rate", new { rating = 5 })).StatusCode);
        var bad = await customer.PostAsJsonAsync($"/api/v1/me/service-orders/{id}/rate", new { rating = 9 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // First was 4.0 from one rating; with this 1 it averages 2.5, below Second's 3.5.
        var firstRating = await WithDb(db => db.Set<Provider>().Where(p => p.Id == first).Select(p => new { p.RatingSum, p.RatingCount }).SingleAsync());
        Assert.Equal((5, 2), (firstRating.RatingSum, firstRating.RatingCount));
        // Each change was mailed to the other party.
        var subjects = (await WaitForAsync(_admin, "/api/v1/admin/mailbox?page_size=100",
                m => m.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("kind").GetString() == "service_order_update") >= 7, "mailed"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()!).ToList();
        foreach (var expected in new[] { "A new order was assigned to you", "First will work on your order", "First accepted your order",
                     "First started work on your order", "Your delivery is ready", "The customer accepted your delivery", "You were rated 1 out of 5" })
            Assert.Contains(subjects, s => s.EndsWith(expected, StringComparison.Ordinal));

        // Every transition is in the audit log, under the party that made it (automatic assignment under "system").
        var audit = (await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit-log?target_type=service_order&target_id={id}&page_size=100"))
            .GetProperty("items").EnumerateArray().Reverse()
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor_id").ValueKind == JsonValueKind.Null ? "system" : e.GetProperty("actor_id").GetGuid().ToString()))
            .ToArray();
        var customerId = (await customer.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid().ToString();
        Assert.Equal(
            [("service_order.assign", "system"), ("service_order.accept", first.ToString()), ("service_order.start", first.ToString()),
             ("service_order.deliver", first.ToString()), ("service_order.complete", customerId), ("service_order.rate", customerId)],
            audit);

        var (_, nextId, _) = await BuyLogoAsync(customer);
        var nextOrder = await WaitForStatusAsync(customer, nextId, "assigned");
        Assert.Equal(second, nextOrder.GetProperty("provider").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_revision_request_sends_the_work_back_until_the_next_delivery_is_accepted()
    {
        await StartAsync();
        var (_, provider) = await ProviderAsync("Designer", LogoSkills);
        var (customer, id, _) = await BuyLogoAsync();
        await WaitForStatusAsync(customer, id, "assigned");
        await OkAsync(provider.PostAsync($"/api/v1/provider/service-orders/{id}/start", null));
        await OkAsync(provider.PostAsJsonAsync($"/api/v1/provider/service-orders/{id}/deliver", new { body = "First draft." }));

        var emptyRevision = await customer.PostAsJsonAsync($"/api/v1/me/service-orders/{id}/request-revision", new { body = " " });
        Assert.Equal(HttpStatusCode.BadRequest, emptyRevision.StatusCode);
        var revising = await OkAsync(customer.PostAsJsonAsync($"/api/v1/me/service-orders/{id}/request-revision", new { body = "Warmer colours, please." }));
        Assert.Equal(("in_progress", 1), (revising.GetProperty("status").GetString(), revising.GetProperty("revisions").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, (await customer.PostAsync($"/api/v1/me/service-orders/{id}/accept", null)).StatusCode);

        await OkAsync(provider.PostAsJsonAsync($"/api/v1/provider/service-orders/{id}/messages", new { body = "On it." }));
        await OkAsync(provider.PostAsJsonAsync($"/api/v1/provider/service-orders/{id}/deliver", new { body = "Second draft." }));
        var done = await OkAsync(customer.PostAsync($"/api/v1/me/service-orders/{id}/accept", null));
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(["started", "delivery", "revision_request", "message", "delivery", "completed"],
            done.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("kind").GetString()!).ToArray());
    }

    [Fact]
    public async Task A_delivery_left_unanswered_for_three_days_completes_by_itself_and_frees_the_provider()
    {
        await StartAsync(fakeClock: true);
        var (providerId, provider) = await ProviderAsync("Designer", LogoSkills);
        var (customer, id, _) = await BuyLogoAsync();
        await WaitForStatusAsync(customer, id, "assigned");
        await OkAsync(provider.PostAsync($"/api/v1/provider/service-orders/{id}/start", null));
        await OkAsync(provider.PostAsJsonAsync($"/api/v1/provider/service-orders/{id}/deliver", new { body = "Done." }));
        var sweeper = _app.Services.GetRequiredService<DeliveryAutoCompleter>();

        Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(ServiceOrderStatus.Delivered, await WithDb(db => db.Set<ServiceOrder>().Where(o => o.Id == id).Select(o => o.Status).SingleAsync()));

        // Advancing the clock also ticks the node's own sweep; whichever runs first completes it, and only once.
        Clock.Advance(TimeSpan.FromMinutes(2));
        await sweeper.SweepAsync(CancellationToken.None);
        var order = await WithDb(db => db.Set<ServiceOrder>().AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(ServiceOrderStatus.Completed, order.Status);
        Assert.Equal(0, await OpenOrdersAsync(providerId));
        Assert.Equal(1, await WithDb(db => db.Set<ServiceOrderMessage>().CountAsync(m => m.ServiceOrderId == id && m.Kind == "completed")));
    }

    [Fact]
    public async Task A_refund_cancels_the_service_order_and_frees_the_provider()
    {
        await StartAsync();
        var (providerId, _) = await ProviderAsync("Designer", LogoSkills);
        var (customer, id, order) = await BuyLogoAsync();
        await WaitForStatusAsync(customer, id, "assigned");
        Assert.Equal(1, await OpenOrdersAsync(providerId));
        var itemId = order.GetProperty("items")[0].GetProperty("id").GetInt64();

        // An administrator refunds the item through the gateway; its confirmation cancels the service order in the same unit of work.
        var refund = await _admin.PostAsJsonAsync($"/api/v1/admin/orders/{order.GetProperty("id").GetGuid()}/refunds", new { items = new[] { itemId }, reason = "Customer changed their mind" });
        Assert.True(refund.IsSuccessStatusCode, $"{(int)refund.StatusCode}: {await refund.Content.ReadAsStringAsync()}");
        var cancelled = await WaitForStatusAsync(customer, id, "cancelled");
        Assert.Contains(cancelled.GetProperty("messages").EnumerateArray(), m => m.GetProperty("kind").GetString() == "cancelled");
        Assert.Equal(0, await OpenOrdersAsync(providerId));
        Assert.Equal(HttpStatusCode.Conflict, (await customer.PostAsJsonAsync($"/api/v1/me/service-orders/{id}/messages", new { body = "Hello?" })).StatusCode);

        // Cancelling directly (an administrator) is a no-op now, and the contract reports it.
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<IServiceOrderCancellation>().CancelForOrderItemsAsync([itemId], "Again.", CancellationToken.None));
    }

    [Fact]
    public async Task An_admin_assigns_by_hand_within_capacity_and_the_action_is_audited()
    {
        await StartAsync();
        var (customer, id, _) = await BuyLogoAsync();
        var (full, _) = await ProviderAsync("Full", ["graphic_design"], capacity: 1, available: false);
        await WithDb(db => db.Set<Provider>().Where(p => p.Id == full).ExecuteUpdateAsync(s => s.SetProperty(p => p.OpenOrders, 1)));
        var (chosen, _) = await ProviderAsync("Chosen", ["graphic_design"], available: false);
        Assert.Equal("pending_assignment", (await customer.GetFromJsonAsync<JsonElement>($"/api/v1/me/service-orders/{id}")).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsJsonAsync($"/api/v1/admin/service-orders/{id}/assign", new { provider_id = full })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.PostAsJsonAsync($"/api/v1/admin/service-orders/{id}/assign", new { provider_id = Guid.NewGuid() })).StatusCode);
        var assigned = await OkAsync(_admin.PostAsJsonAsync($"/api/v1/admin/service-orders/{id}/assign", new { provider_id = chosen }));
        Assert.Equal(chosen, assigned.GetProperty("provider").GetProperty("id").GetGuid());

        var audit = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit-log?action=service_order.assign&target_id={id}");
        Assert.Equal(1, audit.GetProperty("total").GetInt32());
        var providers = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/providers?skill=graphic_design&page_size=100");
        Assert.Contains(providers.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == chosen && p.GetProperty("open_orders").GetInt32() == 1);
    }

    [Fact]
    public async Task Each_party_sees_only_its_own_orders_and_routes()
    {
        await StartAsync();
        var (_, provider) = await ProviderAsync("Designer", LogoSkills);
        var (_, otherProvider) = await ProviderAsync("Other", ["illustration"]);
        var (customer, id, _) = await BuyLogoAsync();
        await WaitForStatusAsync(customer, id, "assigned");
        var stranger = await _shop.CustomerAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/me/service-orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/me/service-orders/{id}/accept", null)).StatusCode);
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>("/api/v1/me/service-orders")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await otherProvider.GetAsync($"/api/v1/provider/service-orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherProvider.PostAsync($"/api/v1/provider/service-orders/{id}/start", null)).StatusCode);
        Assert.Equal(1, (await provider.GetFromJsonAsync<JsonElement>("/api/v1/provider/service-orders")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/provider/service-orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.GetAsync("/api/v1/admin/service-orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _shop.NewClient().GetAsync("/api/v1/me/service-orders")).StatusCode);
        var badStatus = await customer.GetAsync("/api/v1/me/service-orders?status=sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);

        // The pages follow the same rules.
        var page = await customer.GetAsync($"/service-orders/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("BrandCraft Logo &amp; Identity", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/service-orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/provider/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherProvider.GetAsync($"/provider/orders/{id}")).StatusCode);
    }
}

public sealed class SqliteServiceOrderTests : ServiceOrderTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection("postgres")]
public sealed class PostgresServiceOrderTests(PostgresCluster cluster) : ServiceOrderTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
