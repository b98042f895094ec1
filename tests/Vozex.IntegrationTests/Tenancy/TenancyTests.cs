using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.IntegrationTests.Tenancy;

/// <summary>SaaS tenant provisioning (issue 5) through the real pipeline on Kestrel: purchase, tenant site, dashboard, admin.</summary>
public abstract class TenancyTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> FastSettings = new()
    {
        ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.100",
        ["Vozex:Fulfillment:RetryBase"] = "00:00:00.100",
    };

    private static long _nextId = 50_000_000 + Random.Shared.Next(1_000_000);

    protected VozexAppFactory App { get; private set; } = null!;
    private SandboxPurchases _shop = null!;
    private Uri _base = null!;
    private protected StepFailures Failures { get; } = new();

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    /// <summary>Whether the tenant database exists where the tenant record says (PostgreSQL: pg_database; SQLite: the file).</summary>
    private protected abstract Task<bool> DatabaseExistsAsync(Tenant tenant);

    /// <summary>How many databases exist under the name the tenant record gives.</summary>
    private protected abstract Task<int> DatabaseCountAsync(Tenant tenant);

    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(FastSettings);
        foreach (var (k, v) in ExtraSettings) settings[k] = v;
        App = (await CreateAppAsync(settings)).WithServices(s => s.AddSingleton<IProvisioningObserver>(Failures));
        App.UseKestrel(0);
        App.StartServer();
        _base = App.ClientOptions.BaseAddress;
        _shop = new SandboxPurchases(_base);
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }

    protected static string NewSlug(string stem = "t") => $"{stem}{Guid.NewGuid():N}"[..16];

    /// <summary>A client for a tenant host: requests go to the app's loopback address with <c>Host: &lt;slug&gt;.localhost</c>.</summary>
    private HttpClient TenantClient(string slug, string? token = null, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true }) { BaseAddress = _base };
        client.DefaultRequestHeaders.Host = $"{slug}.localhost:{_base.Port}";
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<(HttpClient Customer, JsonElement Tenant)> BuyAsync(string slug, params string[] features)
    {
        var customer = await _shop.CustomerAsync();
        var placed = await SandboxPurchases.CheckoutAsync(customer, new
        {
            product_slug = "harborstay-hotel-pms",
            configuration = new { plan = "professional", features, billing_cycle = "annual", subdomain = slug },
        });
        await _shop.SubmitAsync(placed, "pay");
        var order = await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled", seconds: 60);
        var tenants = await customer.GetFromJsonAsync<JsonElement>("/api/v1/me/tenants");
        var tenant = Assert.Single(tenants.GetProperty("items").EnumerateArray());
        var fulfillment = order.GetProperty("items")[0].GetProperty("fulfillment");
        Assert.Equal(tenant.GetProperty("id").GetString(), fulfillment.GetProperty("external_reference_id").GetString());
        return (customer, tenant);
    }

    private async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private Task<Tenant> TenantAsync(string slug) => WithDb(db => db.Set<Tenant>().AsNoTracking().SingleAsync(t => t.Slug == slug));

    private static async Task<string> LoginAsync(HttpClient site, string username, string password, bool mustChange)
    {
        var response = await site.PostAsJsonAsync("/api/tenant/auth/login", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(mustChange, body.GetProperty("must_change_password").GetBoolean());
        return body.GetProperty("access_token").GetString()!;
    }

    private async Task<(string Username, string Password)> CredentialsAsync(HttpClient customer, string tenantId)
    {
        var credentials = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/me/tenants/{tenantId}/credentials");
        return (credentials.GetProperty("username").GetString()!, credentials.GetProperty("temp_password").GetString()!);
    }

    [Fact]
    public async Task Paid_saas_order_gives_an_active_tenant_with_its_own_database_starter_data_features_and_limits()
    {
        var slug = NewSlug("paid");
        var (_, view) = await BuyAsync(slug, "booking_engine", "guest_messaging");

        Assert.Equal("active", view.GetProperty("status").GetString());
        Assert.Equal($"{slug}.localhost", view.GetProperty("domain").GetString());
        Assert.Equal("professional", view.GetProperty("plan").GetString());
        Assert.True(view.GetProperty("credentials_available").GetBoolean());
        Assert.Equal("booking_engine,guest_messaging", string.Join(',', view.GetProperty("features").EnumerateArray().Select(f => f.GetString())));

        var tenant = await TenantAsync(slug);
        Assert.True(await DatabaseExistsAsync(tenant));
        Assert.Equal(120, tenant.Limits["rooms"]);

        var databases = App.Services.GetRequiredService<TenantDatabases>();
        await using var tenantDb = databases.Open(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName));
        Assert.Equal(12, await tenantDb.Items.CountAsync(i => i.Kind == "room"));
        var settings = await tenantDb.Settings.ToDictionaryAsync(s => s.Key, s => s.Value);
        Assert.Equal(tenant.Id.ToString(), settings["tenant.id"]);
        Assert.Equal("[\"booking_engine\",\"guest_messaging\"]", settings["features"]);
        Assert.Contains("\"rooms\":120", settings["limits"], StringComparison.Ordinal);
        var admin = await tenantDb.Users.SingleAsync();
        Assert.True(admin.MustChangePassword);
        Assert.StartsWith("AQAAAA", admin.PasswordHash, StringComparison.Ordinal); // an Identity v3 hash, not the password
    }

    [Fact]
    public async Task Credentials_sign_in_force_a_password_change_after_which_the_old_password_fails_and_credentials_are_gone()
    {
        var slug = NewSlug("cred");
        var (customer, view) = await BuyAsync(slug);
        var id = view.GetProperty("id").GetString()!;
        var (username, password) = await CredentialsAsync(customer, id);
        Assert.True(password.Replace("-", "", StringComparison.Ordinal).Length >= 24);

        var site = TenantClient(slug);
        var token = await LoginAsync(site, username, password, mustChange: true);
        var authed = TenantClient(slug, token);
        Assert.Equal(HttpStatusCode.Forbidden, (await authed.GetAsync("/api/tenant/info")).StatusCode);

        var change = await authed.PostAsJsonAsync("/api/tenant/auth/change-password", new { current_password = password, new_password = "my-own-password-1" });
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);

        Assert.Equal(HttpStatusCode.Gone, (await customer.GetAsync($"/api/v1/me/tenants/{id}/credentials")).StatusCode);
        var list = await customer.GetFromJsonAsync<JsonElement>("/api/v1/me/tenants");
        Assert.False(list.GetProperty("items")[0].GetProperty("credentials_available").GetBoolean());
        var old = await site.PostAsJsonAsync("/api/tenant/auth/login", new { username, password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await authed.GetAsync("/api/tenant/info")).StatusCode); // the change ended that session

        var fresh = TenantClient(slug, await LoginAsync(site, username, "my-own-password-1", mustChange: false));
        var info = await fresh.GetFromJsonAsync<JsonElement>("/api/tenant/info");
        Assert.Equal(id, info.GetProperty("tenant_id").GetString());
        Assert.Equal("hotel_management", info.GetProperty("product_type").GetString());
        Assert.Equal("professional", info.GetProperty("plan").GetString());
        Assert.Equal(12, info.GetProperty("starter_data").GetProperty("room").GetInt32());
        Assert.Equal(25, info.GetProperty("limits").GetProperty("users").GetInt32());
    }

    [Fact]
    public async Task The_emailed_credentials_sign_in_through_the_tenant_api()
    {
        var slug = NewSlug("mail");
        var (customer, view) = await BuyAsync(slug);
        var email = (await customer.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("email").GetString()!;
        var admin = await _shop.AdminAsync();

        JsonElement list;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            list = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/mailbox?to={Uri.EscapeDataString(email)}");
            if (list.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("kind").GetString() == "tenant_credentials")) break;
            Assert.True(DateTime.UtcNow < deadline, "The credentials mail never reached the local mailbox.");
            await Task.Delay(100);
        }
        var summary = Assert.Single(list.GetProperty("items").EnumerateArray(), m => m.GetProperty("kind").GetString() == "tenant_credentials");
        var message = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/mailbox/{summary.GetProperty("id").GetInt64()}");
        var text = message.GetProperty("text_body").GetString()!;
        Assert.Contains(view.GetProperty("id").GetString()!, text, StringComparison.Ordinal);
        Assert.Contains($"http://{slug}.localhost", text, StringComparison.Ordinal);
        var password = System.Text.RegularExpressions.Regex.Match(text, @"Temporary password:\s+(\S+)").Groups[1].Value;
        var username = System.Text.RegularExpressions.Regex.Match(text, @"Username:\s+(\S+)").Groups[1].Value;

        await LoginAsync(TenantClient(slug), username, password, mustChange: true);
    }

    [Fact]
    public async Task A_token_of_tenant_A_is_refused_on_tenant_B_host_and_an_unknown_host_is_404()
    {
        var a = NewSlug("a");
        var b = NewSlug("b");
        var (customerA, viewA) = await BuyAsync(a);
        await BuyAsync(b);
        var (username, password) = await CredentialsAsync(customerA, viewA.GetProperty("id").GetString()!);
        var token = await LoginAsync(TenantClient(a), username, password, mustChange: true);

        var onB = await TenantClient(b, token).PostAsJsonAsync("/api/tenant/auth/change-password", new { current_password = password, new_password = "stolen-password-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, onB.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TenantClient(b, token).GetAsync("/api/tenant/info")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await TenantClient(NewSlug("nobody")).GetAsync("/api/tenant/info")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TenantClient(NewSlug("nobody")).GetAsync("/admin")).StatusCode);
        // The marketplace's own host does not serve the tenant API.
        Assert.Equal(HttpStatusCode.NotFound, (await _shop.NewClient().GetAsync("/api/tenant/info")).StatusCode);
    }

    [Fact]
    public async Task Suspended_tenant_answers_403_and_resume_brings_it_back_both_audited()
    {
        var slug = NewSlug("susp");
        var (_, view) = await BuyAsync(slug);
        var id = view.GetProperty("id").GetString()!;
        var admin = await _shop.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/tenants/{id}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TenantClient(slug).GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TenantClient(slug).PostAsJsonAsync("/api/tenant/auth/login", new { username = "admin", password = "x" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/tenants/{id}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TenantClient(slug).GetAsync("/admin")).StatusCode);

        var bulk = await admin.PostAsJsonAsync("/api/v1/admin/tenants/bulk", new { ids = new[] { id, Guid.NewGuid().ToString() }, action = "suspend" });
        var results = (await bulk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal("changed", results[0].GetProperty("outcome").GetString());
        Assert.Equal("not_found", results[1].GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await TenantClient(slug).GetAsync("/admin")).StatusCode);

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit-log?target_id={id}");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Order();
        Assert.Equal("tenant.resume,tenant.suspend,tenant.suspend", string.Join(',', actions));
    }

    [Fact]
    public async Task Open_admin_signs_the_customer_in_once_and_another_customer_gets_404()
    {
        var slug = NewSlug("sso");
        var (customer, view) = await BuyAsync(slug);
        var id = view.GetProperty("id").GetString()!;

        var stranger = await _shop.CustomerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/me/tenants/{id}/credentials")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/me/tenants/{id}/sso", null)).StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>("/api/v1/me/tenants")).GetProperty("items").EnumerateArray());

        var sso = await (await customer.PostAsync($"/api/v1/me/tenants/{id}/sso", null)).Content.ReadFromJsonAsync<JsonElement>();
        var url = new Uri(sso.GetProperty("url").GetString()!);
        Assert.Equal($"{slug}.localhost", url.Host);
        var browser = TenantClient(slug);
        var landed = await browser.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        var console = await browser.GetStringAsync("/admin");
        Assert.Contains("data-plan=\"professional\"", console, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"room\"", console, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Gone, (await TenantClient(slug).GetAsync(url.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Running_the_driver_twice_gives_one_tenant_and_one_database()
    {
        var slug = NewSlug("twice");
        var job = await JobAsync("harborstay-hotel-pms", slug);
        var first = await RunDriverAsync(job);
        var second = await RunDriverAsync(job with { Attempt = 2 });

        Assert.Equal(first.ExternalReferenceId, second.ExternalReferenceId);
        Assert.Equal(1, await WithDb(db => db.Set<Tenant>().CountAsync(t => t.Slug == slug)));
        Assert.Equal(1, await DatabaseCountAsync(await TenantAsync(slug)));
    }

    [Fact]
    public async Task A_failure_after_any_provisioning_step_is_finished_by_the_retry()
    {
        foreach (var step in Enum.GetValues<ProvisioningStep>())
        {
            var slug = NewSlug("crash");
            var job = await JobAsync("glowbook-salon", slug);
            Failures.FailOnce(slug, step);
            await Assert.ThrowsAsync<InjectedFailure>(() => RunDriverAsync(job));
            Assert.Equal(0, await WithDb(db => db.Set<Tenant>().CountAsync(t => t.Slug == slug)));

            await RunDriverAsync(job with { Attempt = 2 });
            var tenant = await TenantAsync(slug);
            Assert.True(await DatabaseExistsAsync(tenant), $"no database after a failure at {step}");
            Assert.Equal(1, await DatabaseCountAsync(tenant));
            // The recorded credentials are the ones the tenant database accepts.
            var password = await WithDb(async db =>
            {
                var protector = TenantCredentialProtector.Create(App.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());
                return Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Unprotect(protector, (await db.Set<TenantCredential>().SingleAsync(c => c.TenantId == tenant.Id)).ProtectedPassword);
            });
            await LoginAsync(TenantClient(slug), "admin", password, mustChange: true);
            var databases = App.Services.GetRequiredService<TenantDatabases>();
            await using var tenantDb = databases.Open(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName));
            Assert.Equal(1, await tenantDb.Users.CountAsync());
            Assert.Equal(5, await tenantDb.Items.CountAsync(i => i.Kind == "service"));
        }
    }

    [Fact]
    public async Task Each_of_the_eight_saas_types_gets_its_own_starter_data()
    {
        var products = await WithDb(db => db.Set<Product>().AsNoTracking().Where(p => p.DeliveryModel == "saas").ToListAsync());
        var kindsByType = new Dictionary<string, string>();
        foreach (var type in StarterData.ProductTypes)
        {
            var product = products.First(p => p.ProductType == type);
            var slug = NewSlug("type");
            await RunDriverAsync(await JobAsync(product.Slug, slug, product.Options.PricingPlans![0].Id));
            var tenant = await TenantAsync(slug);
            var databases = App.Services.GetRequiredService<TenantDatabases>();
            await using var tenantDb = databases.Open(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName));
            var counts = await tenantDb.Items.GroupBy(i => i.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            Assert.True(counts.Count >= 2, $"{type} has fewer than two kinds of starter data");
            Assert.Equal(StarterData.For(type).Count, counts.Sum(c => c.Count));
            kindsByType[type] = string.Join(',', counts.OrderBy(c => c.Key).Select(c => $"{c.Key}:{c.Count}"));
        }
        Assert.Equal(8, kindsByType.Values.Distinct().Count());
    }

    protected async Task<FulfillmentJob> JobAsync(string productSlug, string slug, string plan = "professional")
    {
        var product = await WithDb(db => db.Set<Product>().AsNoTracking().SingleAsync(p => p.Slug == productSlug));
        var payload = JsonSerializer.Serialize(new { delivery_model = "saas", plan, features = Array.Empty<string>(), billing_cycle = "monthly", subdomain = slug });
        var id = Interlocked.Increment(ref _nextId);
        return new FulfillmentJob(id, Guid.NewGuid(), "VZX-TEST0-00000", id, Guid.NewGuid(), "owner@example.com", product.ProductType, product.Slug, product.Name,
            payload, 1, DateTimeOffset.UtcNow);
    }

    /// <summary>One driver run in its own scope, committed the way the worker commits it (save, then after-commit actions).</summary>
    protected async Task<FulfillmentResult> RunDriverAsync(FulfillmentJob job)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var driver = scope.ServiceProvider.GetServices<IFulfillmentDriver>().Last(d => d.Name == FulfillmentDrivers.SaasTenantProvisioning);
        var result = await driver.RunAsync(job, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<AfterCommit>().Run();
        return result;
    }
}

internal sealed class InjectedFailure(string message) : Exception(message);

/// <summary>Throws once after a chosen provisioning step for a chosen slug, as a crash at that point would cut the run short.</summary>
internal sealed class StepFailures : IProvisioningObserver
{
    private readonly Dictionary<string, ProvisioningStep> _pending = [];

    public void FailOnce(string slug, ProvisioningStep step)
    {
        lock (_pending) _pending[slug] = step;
    }

    Task IProvisioningObserver.AfterStepAsync(ProvisioningStep step, string slug, CancellationToken cancellationToken)
    {
        lock (_pending)
        {
            if (_pending.TryGetValue(slug, out var failAt) && failAt == step)
            {
                _pending.Remove(slug);
                throw new InjectedFailure($"Injected failure after {step}.");
            }
        }
        return Task.CompletedTask;
    }
}

public sealed class SqliteTenancyTests : TenancyTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));

    private protected override Task<bool> DatabaseExistsAsync(Tenant tenant) =>
        Task.FromResult(File.Exists(Path.Combine(App.DataDirectory, tenant.DatabaseName)));

    /// <summary>The tenant's file plus any half-copied one left behind (SQLite's own -wal/-shm/-journal side files are not databases).</summary>
    private protected override Task<int> DatabaseCountAsync(Tenant tenant) =>
        Task.FromResult(Directory.GetFiles(Path.Combine(App.DataDirectory, "tenants"))
            .Select(Path.GetFileName).Count(f => f == $"{tenant.Slug}.db" || f == $"{tenant.Slug}.db.partial"));
}

[Collection("postgres")]
public sealed class PostgresTenancyTests(PostgresCluster cluster) : TenancyTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);

    private protected override async Task<bool> DatabaseExistsAsync(Tenant tenant) => await DatabaseCountAsync(tenant) == 1;

    private protected override async Task<int> DatabaseCountAsync(Tenant tenant)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", tenant.DatabaseName);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
