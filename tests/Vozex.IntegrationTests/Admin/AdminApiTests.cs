using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.IntegrationTests.Accounts;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Vozex.Web.Modules.Admin.Audit;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.Admin;

/// <summary>
/// Products and orders administration over real HTTP on loopback (Kestrel, so sandbox payments reach the webhook
/// endpoint), on SQLite and on PostgreSQL.
/// </summary>
public abstract class AdminApiTests : IAsyncLifetime
{
    private VozexAppFactory _app = null!;
    private SandboxPurchases _shop = null!;

    protected abstract Task<VozexAppFactory> CreateAppAsync();

    public async Task InitializeAsync()
    {
        _app = await CreateAppAsync();
        _app.UseKestrel(0);
        _app.StartServer();
        _shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    internal static object SaasProduct(string slug, long planPrice = 2_900, string? status = null) => new
    {
        slug,
        name = "Till Cloud " + slug,
        description = "A retail till in the cloud.",
        product_type = "pos_retail",
        status,
        base_price = 0,
        pricing_plans = new object[]
        {
            new { id = "starter", name = "Starter", monthly_price = planPrice, features = new[] { "Inventory tracking" }, limits = new Dictionary<string, int> { ["users"] = 3 } },
        },
        available_features = new object[] { new { id = "loyalty", name = "Customer loyalty", monthly_price = 900 } },
        billing_cycles = new object[] { new { id = "monthly", months = 1, discount_percent = 0 }, new { id = "annual", months = 12, discount_percent = 20 } },
    };

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static long Id(JsonElement product) => product.GetProperty("id").GetInt64();

    [Fact]
    public async Task Every_admin_endpoint_answers_401_to_visitors_and_403_to_customers()
    {
        var anonymous = _shop.NewClient();
        var customer = await _shop.CustomerAsync();
        var order = Guid.NewGuid();
        (HttpMethod Method, string Path)[] endpoints =
        [
            (HttpMethod.Get, "/api/v1/admin/products"), (HttpMethod.Post, "/api/v1/admin/products"), (HttpMethod.Get, "/api/v1/admin/products/1"),
            (HttpMethod.Put, "/api/v1/admin/products/1"), (HttpMethod.Delete, "/api/v1/admin/products/1"),
            (HttpMethod.Post, "/api/v1/admin/products/1/release-files"),
            (HttpMethod.Get, "/api/v1/admin/orders"), (HttpMethod.Get, $"/api/v1/admin/orders/{order}"), (HttpMethod.Get, "/api/v1/admin/today"),
        ];
        foreach (var (method, path) in endpoints)
        {
            HttpRequestMessage Request() => new(method, path) { Content = method == HttpMethod.Get || method == HttpMethod.Delete ? null : JsonContent.Create(new { }) };
            var visitor = await anonymous.SendAsync(Request());
            await visitor.ProblemAsync(HttpStatusCode.Unauthorized);
            var forbidden = await customer.SendAsync(Request());
            await forbidden.ProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task An_admin_creates_a_draft_SaaS_product_publishes_it_and_the_storefront_shows_each_edit()
    {
        var admin = await _shop.AdminAsync();
        var anonymous = _shop.NewClient();
        var created = await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/admin/products", SaasProduct("till-cloud")));
        Assert.Equal("draft", created.GetProperty("status").GetString());
        Assert.Equal("saas", created.GetProperty("delivery_model").GetString());
        Assert.Equal(2_900, created.GetProperty("from_price").GetProperty("amount").GetInt64());
        Assert.Equal(3, created.GetProperty("pricing_plans")[0].GetProperty("limits").GetProperty("users").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/products/till-cloud")).StatusCode);

        var id = Id(created);
        var published = await OkAsync(await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", SaasProduct("till-cloud", status: "active")));
        Assert.Equal("active", published.GetProperty("status").GetString());
        var shown = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/products/till-cloud");
        Assert.Equal(2_900, shown.GetProperty("pricing_plans")[0].GetProperty("monthly_price").GetProperty("amount").GetInt64());

        // The storefront's answer is output-cached; an edit evicts it, so the next read shows the new price at once.
        await OkAsync(await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", SaasProduct("till-cloud", planPrice: 3_900)));
        shown = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/products/till-cloud");
        Assert.Equal(3_900, shown.GetProperty("pricing_plans")[0].GetProperty("monthly_price").GetProperty("amount").GetInt64());

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/products?q=TILL%20cloud&type=pos_retail&status=active");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(id, Id(list.GetProperty("items")[0]));
        var drafts = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/products?q=till-cloud&status=draft");
        Assert.Equal(0, drafts.GetProperty("total").GetInt32());

        var actions = await WithDb(db => db.Set<AuditEntry>().Where(a => a.TargetType == "product" && a.TargetId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["product.create", "product.publish", "product.update"], actions);
    }

    [Fact]
    public async Task Invalid_products_of_each_delivery_model_get_400_problems_naming_the_field_and_nothing_is_stored()
    {
        var admin = await _shop.AdminAsync();
        var before = await WithDb(db => db.Set<Product>().CountAsync());

        var badPlan = await admin.PostAsJsonAsync("/api/v1/admin/products", SaasProduct("bad-plan", planPrice: -100));
        Assert.Contains("Must not be negative.", await badPlan.FieldErrorsAsync("pricing_plans[0].monthly_price"));

        var selfHosted = await admin.PostAsJsonAsync("/api/v1/admin/products", new
        {
            name = "Vault", description = "Secrets at home.", product_type = "security_tools", slug = "vault-x",
            support_plans = new object[] { new { id = "basic", name = "Basic", price_per_year = 5_000 } },
            update_options = new object[] { new { id = "forever", name = "Forever", surcharge = 0 } },
        });
        var problem = await selfHosted.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("license_types", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("update_options[0].id", out _), errors.ToString());

        var service = await admin.PostAsJsonAsync("/api/v1/admin/products", new
        {
            name = "Logo sprint", description = "A logo in a week.", product_type = "design_services",
            service_packages = new object[] { new { id = "basic", name = "Basic", price = 50_000, description = "One concept", duration_days = 0 } },
            timelines = new object[] { new { id = "standard", name = "Standard", price_factor_percent = 100, duration_factor_percent = 100 } },
            pricing_plans = new object[] { new { id = "x", name = "X", monthly_price = 1 } },
        });
        errors = (await service.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("service_packages[0].duration_days", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("required_skills", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("pricing_plans", out _), errors.ToString());

        var common = await admin.PostAsJsonAsync("/api/v1/admin/products", new { slug = "Not A Slug", product_type = "nope" });
        errors = (await common.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("product_type", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("name", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("slug", out _), errors.ToString());

        var taken = await admin.PostAsJsonAsync("/api/v1/admin/products", SaasProduct("harborstay-hotel-pms"));
        Assert.Contains("Another product already uses this slug.", await taken.FieldErrorsAsync("slug"));

        Assert.Equal(before, await WithDb(db => db.Set<Product>().CountAsync()));
    }

    [Fact]
    public async Task A_save_started_from_an_older_revision_is_refused_with_409_and_changes_nothing()
    {
        var first = await _shop.AdminAsync();
        var second = await _shop.AdminAsync();
        var id = Id(await CreatedAsync(await first.PostAsJsonAsync("/api/v1/admin/products", SaasProduct("rev-till"))));
        static JsonObject WithRevision(object body, int revision)
        {
            var json = JsonSerializer.SerializeToNode(body)!.AsObject();
            json["revision"] = revision;
            return json;
        }

        // Both open the product at the same revision; the first save wins and moves the revision on.
        var opened = (await first.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products/{id}")).GetProperty("revision").GetInt32();
        Assert.Equal(opened, (await second.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products/{id}")).GetProperty("revision").GetInt32());
        var saved = await OkAsync(await first.PutAsJsonAsync($"/api/v1/admin/products/{id}", WithRevision(SaasProduct("rev-till", planPrice: 3_900), opened)));
        Assert.Equal(opened + 1, saved.GetProperty("revision").GetInt32());

        // The second save started from the old revision: refused, and the first one's price stays.
        var stale = await second.PutAsJsonAsync($"/api/v1/admin/products/{id}", WithRevision(SaasProduct("rev-till", planPrice: 1_900), opened));
        var problem = await stale.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("changed", problem.GetProperty("title").GetString());
        var now = await first.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products/{id}");
        Assert.Equal(3_900, now.GetProperty("pricing_plans")[0].GetProperty("monthly_price").GetInt64());
        Assert.Equal(opened + 1, now.GetProperty("revision").GetInt32());

        // Re-read, re-applied: accepted. A body without a revision is still accepted (last write wins, as before).
        await OkAsync(await second.PutAsJsonAsync($"/api/v1/admin/products/{id}", WithRevision(SaasProduct("rev-till", planPrice: 1_900), opened + 1)));
        await OkAsync(await second.PutAsJsonAsync($"/api/v1/admin/products/{id}", SaasProduct("rev-till", planPrice: 2_500)));
        var actions = await WithDb(db => db.Set<AuditEntry>().Where(a => a.TargetType == "product" && a.TargetId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Equal(3, actions.Count(a => a == "product.update"));
    }

    [Fact]
    public async Task Release_files_uploaded_to_one_product_at_the_same_time_are_all_kept()
    {
        var admin = await _shop.AdminAsync();
        var id = Id(await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/admin/products", new
        {
            name = "Vault Race", description = "Secrets at home.", product_type = "security_tools", slug = "vault-race",
            license_types = new object[] { new { id = "standard", name = "Standard", price = 20_000, description = "One server", max_activations = 1 } },
            support_plans = new object[] { new { id = "basic", name = "Basic", price_per_year = 5_000 } },
            update_options = new object[] { new { id = "1_year", name = "One year", surcharge = 0 } },
        })));

        var names = Enumerable.Range(1, 6).Select(i => $"vault-3.0.0-part{i}.zip").ToList();
        var uploads = await Task.WhenAll(names.Select(async name =>
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent("3.0.0"), "version" },
                { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("contents of " + name)), "file", name },
            };
            return await admin.PostAsync($"/api/v1/admin/products/{id}/release-files", form);
        }));
        Assert.All(uploads, u => Assert.Equal(HttpStatusCode.Created, u.StatusCode));

        var product = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products/{id}");
        var release = Assert.Single(product.GetProperty("releases").EnumerateArray());
        Assert.Equal(names.Order(), release.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file_name").GetString()!).Order());
        Assert.Equal(names.Count, product.GetProperty("revision").GetInt32()); // one save per file, none lost to a race
    }

    [Fact]
    public async Task Valid_self_hosted_and_service_products_are_created_and_edits_keep_uploaded_release_files()
    {
        var admin = await _shop.AdminAsync();
        var selfHosted = await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/admin/products", new
        {
            name = "Vault", description = "Secrets at home.", product_type = "security_tools", slug = "vault-home", base_price = 1_000,
            license_types = new object[] { new { id = "standard", name = "Standard", price = 20_000, description = "One server", max_activations = 1 } },
            support_plans = new object[] { new { id = "basic", name = "Basic", price_per_year = 5_000 } },
            update_options = new object[] { new { id = "1_year", name = "One year", surcharge = 0 }, new { id = "lifetime", name = "Lifetime", surcharge = 9_000 } },
        }));
        Assert.Equal(26_000, selfHosted.GetProperty("from_price").GetProperty("amount").GetInt64());
        var id = Id(selfHosted);

        var bytes = System.Text.Encoding.UTF8.GetBytes("vault 1.0 archive contents");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("1.0.0"), "version" },
            { new StringContent("First release."), "notes" },
            { new ByteArrayContent(bytes), "file", "vault-1.0.0.zip" },
        };
        var uploaded = await CreatedAsync(await admin.PostAsync($"/api/v1/admin/products/{id}/release-files", form));
        Assert.Equal(bytes.Length, uploaded.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), uploaded.GetProperty("sha256").GetString());
        var storage = uploaded.GetProperty("storage_path").GetString()!;
        Assert.True(File.Exists(Path.Combine(_app.DataDirectory, storage)), storage);

        // Edit the product as GET returned it: the release keeps its file; a file the server never stored is refused.
        var current = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products/{id}");
        var release = current.GetProperty("releases")[0];
        object Edit(string path) => new
        {
            name = "Vault Home", description = "Secrets at home.", product_type = "security_tools", base_price = 1_000, status = "active",
            license_types = current.GetProperty("license_types"), support_plans = current.GetProperty("support_plans"), update_options = current.GetProperty("update_options"),
            releases = new object[] { new { version = release.GetProperty("version").GetString(), notes = "Notes edited.", released_on = release.GetProperty("released_on").GetString(), files = new[] { new { storage_path = path } } } },
        };
        var forged = await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", Edit("../../etc/passwd"));
        Assert.NotEmpty(await forged.FieldErrorsAsync("releases[0].files[0]"));
        var edited = await OkAsync(await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", Edit(storage)));
        Assert.Equal("Notes edited.", edited.GetProperty("releases")[0].GetProperty("notes").GetString());
        Assert.Equal(uploaded.GetProperty("sha256").GetString(), edited.GetProperty("releases")[0].GetProperty("files")[0].GetProperty("sha256").GetString());

        var service = await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/admin/products", new
        {
            name = "Logo sprint", description = "A logo in a week.", product_type = "design_services", status = "active",
            service_packages = new object[] { new { id = "basic", name = "Basic", price = 50_000, description = "One concept", duration_days = 7, deliverables = new[] { "Logo" } } },
            timelines = new object[] { new { id = "standard", name = "Standard", price_factor_percent = 100, duration_factor_percent = 100 }, new { id = "rush", name = "Rush", price_factor_percent = 150, duration_factor_percent = 50 } },
            required_skills = new[] { "logo_design" },
        }));
        Assert.Equal("logo-sprint", service.GetProperty("slug").GetString());
        Assert.Equal(50_000, service.GetProperty("from_price").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task Delete_archives_the_product_out_of_the_storefront_and_an_archived_product_cannot_jump_back_to_active()
    {
        var admin = await _shop.AdminAsync();
        var id = Id(await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/admin/products", SaasProduct("short-lived", status: "active"))));
        Assert.Equal(HttpStatusCode.OK, (await _shop.NewClient().GetAsync("/api/v1/products/short-lived")).StatusCode);

        var archived = await OkAsync(await admin.DeleteAsync($"/api/v1/admin/products/{id}"));
        Assert.Equal("archived", archived.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _shop.NewClient().GetAsync("/api/v1/products/short-lived")).StatusCode);
        Assert.Equal("archived", (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products/{id}")).GetProperty("status").GetString());

        var back = await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", SaasProduct("short-lived", status: "active"));
        Assert.NotEmpty(await back.FieldErrorsAsync("status"));
        await OkAsync(await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", SaasProduct("short-lived", status: "draft")));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/v1/admin/products/999999")).StatusCode);
        Assert.Equal(1, await WithDb(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "product.archive" && a.TargetId == id.ToString())));
    }

    [Fact]
    public async Task Editing_a_product_never_changes_an_order_already_placed_for_it()
    {
        var admin = await _shop.AdminAsync();
        var id = Id(await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/admin/products", SaasProduct("snapshot-till", planPrice: 2_900, status: "active"))));
        var customer = await _shop.CustomerAsync();
        var item = new { product_slug = "snapshot-till", configuration = new { plan = "starter", features = new[] { "loyalty" }, billing_cycle = "monthly" } };
        var placed = await SandboxPurchases.CheckoutAsync(customer, item);
        var before = await SandboxPurchases.OrderAsync(customer, placed);
        Assert.Equal(2_900 + 900, before.GetProperty("total").GetProperty("amount").GetInt64());

        var edited = new Dictionary<string, object?>
        {
            ["name"] = "Renamed Till", ["description"] = "Changed.", ["product_type"] = "pos_retail", ["base_price"] = 500,
            ["pricing_plans"] = new object[] { new { id = "starter", name = "Starter Plus", monthly_price = 9_900, features = Array.Empty<string>(), limits = new { } } },
            ["available_features"] = new object[] { new { id = "loyalty", name = "Loyalty", monthly_price = 4_900 } },
            ["billing_cycles"] = new object[] { new { id = "monthly", months = 1, discount_percent = 0 } },
        };
        await OkAsync(await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", edited));
        // The slug is what orders, carts and deliveries find the product by: once ordered it stays.
        edited["slug"] = "snapshot-till-2";
        Assert.NotEmpty(await (await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", edited)).FieldErrorsAsync("slug"));

        var after = await SandboxPurchases.OrderAsync(customer, placed);
        Assert.Equal(before.GetProperty("items").ToString(), after.GetProperty("items").ToString());
        Assert.Equal(before.GetProperty("total").ToString(), after.GetProperty("total").ToString());
        var adminView = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/orders/{placed.GetProperty("order_id").GetString()}");
        Assert.Equal("Till Cloud snapshot-till", adminView.GetProperty("items")[0].GetProperty("product_name").GetString());
        Assert.Equal(3_800, adminView.GetProperty("total").GetProperty("amount").GetInt64());

        // The edit itself took effect: a new quote prices the renamed product at its new amounts.
        var quote = await _shop.NewClient().PostAsJsonAsync("/api/v1/quotes", new { items = new[] { new { product_slug = "snapshot-till", item.configuration } } });
        Assert.Equal(500 + 9_900 + 4_900, (await OkAsync(quote)).GetProperty("total").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task Admins_find_orders_by_number_email_status_gateway_and_date_and_read_everything_about_one()
    {
        var admin = await _shop.AdminAsync();
        var email = AccountsTestClient.NewEmail();
        var tokens = await _shop.NewClient().SignUpAndLoginAsync(email);
        var customer = _shop.NewClient(tokens.AccessToken());
        var placed = await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.SelfHostedItem());
        var other = await SandboxPurchases.CheckoutAsync(await _shop.CustomerAsync(), SandboxPurchases.ServiceItem());
        await _shop.SubmitAsync(placed, "pay");
        await SandboxPurchases.WaitForPaidAsync(customer, placed);
        var orderId = placed.GetProperty("order_id").GetString();
        var number = placed.GetProperty("order_number").GetString()!;

        async Task<IReadOnlyList<string?>> Find(string query)
        {
            var page = await OkAsync(await admin.GetAsync("/api/v1/admin/orders?" + query));
            return page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToList();
        }
        Assert.Equal([orderId], await Find($"q={number.ToLowerInvariant()}"));
        Assert.Equal([orderId], await Find($"q={Uri.EscapeDataString(email.ToUpperInvariant())}"));
        var paid = await Find("status=paid&page_size=100");
        var fulfilledOrPaid = paid.Concat(await Find("status=fulfilled&page_size=100")).Concat(await Find("status=partially_fulfilled&page_size=100")).ToList();
        Assert.Contains(orderId, fulfilledOrPaid);
        Assert.DoesNotContain(other.GetProperty("order_id").GetString(), fulfilledOrPaid);
        Assert.Contains(other.GetProperty("order_id").GetString(), await Find("status=pending_payment"));
        Assert.Empty(await Find($"q={number}&gateway=paypal"));
        Assert.Equal([orderId], await Find($"q={number}&gateway=sandbox"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        Assert.Equal([orderId], await Find($"q={number}&from={today}&to={today}"));
        Assert.Empty(await Find($"q={number}&from={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}"));
        Assert.NotEmpty(await (await admin.GetAsync("/api/v1/admin/orders?status=lost")).FieldErrorsAsync("status"));
        Assert.NotEmpty(await (await admin.GetAsync("/api/v1/admin/orders?from=yesterday")).FieldErrorsAsync("from"));

        // The order confirmation is queued in the payment's commit; wait for the outbox row rather than for delivery.
        JsonElement detail;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            detail = await OkAsync(await admin.GetAsync($"/api/v1/admin/orders/{orderId}"));
            if (detail.GetProperty("mails").GetArrayLength() > 0 && detail.GetProperty("items")[0].GetProperty("fulfillment").ValueKind == JsonValueKind.Object) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(email, detail.GetProperty("customer_email").GetString());
        var item = detail.GetProperty("items")[0];
        Assert.True(item.GetProperty("lines").GetArrayLength() >= 3, item.ToString());
        Assert.Equal("self_hosted_license", item.GetProperty("fulfillment").GetProperty("driver").GetString());
        Assert.Equal(1, detail.GetProperty("payments").GetArrayLength());
        Assert.Contains(detail.GetProperty("webhook_events").EnumerateArray(), w => w.GetProperty("event_type").GetString() == "payment.succeeded");
        Assert.Contains(detail.GetProperty("mails").EnumerateArray(), m => m.GetProperty("kind").GetString() == "order_confirmation");
        Assert.True(detail.GetProperty("refundable").GetBoolean());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/orders/{Guid.NewGuid()}")).StatusCode);
        var home = await OkAsync(await admin.GetAsync("/api/v1/admin/today"));
        Assert.True(home.GetProperty("orders_placed").GetInt32() >= 2);
        Assert.True(home.GetProperty("orders_paid").GetInt32() >= 1);
    }

    [Fact]
    public async Task Admin_pages_show_today_products_and_orders_and_refund_one_item_only_after_a_confirmation()
    {
        var customer = await _shop.CustomerAsync();
        var placed = await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.SelfHostedItem(), SandboxPurchases.ServiceItem());
        await _shop.SubmitAsync(placed, "pay");
        await SandboxPurchases.WaitForPaidAsync(customer, placed);
        var orderId = placed.GetProperty("order_id").GetString()!;
        var number = placed.GetProperty("order_number").GetString()!;

        var browser = _shop.NewClient();
        var signIn = await FormPostAsync(browser, "/account/login", "login",
            new() { ["Input.Email"] = VozexAppFactory.AdminEmail, ["Input.Password"] = VozexAppFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        Assert.Contains("orders paid", await browser.GetStringAsync("/admin"));
        var sentinel = await WithDb(db => db.Set<Product>().Where(p => p.Slug == "sentinelscan").Select(p => p.Id).FirstAsync());
        Assert.Contains("data-slug=\"sentinelscan\"", await browser.GetStringAsync("/admin/products?q=sentinel&status=active"));
        var editor = await browser.GetStringAsync($"/admin/products/{sentinel}");
        Assert.Contains("License types", editor);
        Assert.Contains("Upload a release file", editor);
        Assert.Contains($"data-order-number=\"{number}\"", await browser.GetStringAsync($"/admin/orders?q={number}"));

        var detail = await browser.GetStringAsync($"/admin/orders/{orderId}");
        Assert.Contains("Review refund", detail);
        var order = await (await _shop.AdminAsync()).GetFromJsonAsync<JsonElement>($"/api/v1/admin/orders/{orderId}");
        var first = order.GetProperty("items")[0];
        var fields = new Dictionary<string, string>
        {
            ["RefundInput.All"] = "false",
            ["RefundInput.Reason"] = "Bought the wrong edition",
            ["RefundInput.Rows[0].ItemId"] = first.GetProperty("id").GetInt64().ToString(),
            ["RefundInput.Rows[0].Selected"] = "true",
            ["RefundInput.Rows[1].ItemId"] = order.GetProperty("items")[1].GetProperty("id").GetInt64().ToString(),
            ["RefundInput.Command"] = "review",
        };
        var review = await (await FormPostAsync(browser, $"/admin/orders/{orderId}", "refund", new(fields))).Content.ReadAsStringAsync();
        Assert.Contains("Confirm refund", review);
        Assert.Contains(first.GetProperty("total").GetProperty("amount").GetInt64() is var cents && cents % 100 == 0
            ? $"${cents / 100:#,0}" : $"${cents / 100m:#,0.00}", review);
        Assert.Equal(0, await WithDb(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "order.refund" && a.TargetId == orderId)));

        fields["RefundInput.Command"] = "confirm";
        var confirmed = await (await FormPostAsync(browser, $"/admin/orders/{orderId}", "refund", fields)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"refund-message\"", confirmed);
        Assert.Contains("Refund of", confirmed);
        Assert.Equal(1, await WithDb(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "order.refund" && a.TargetId == orderId)));
        await SandboxPurchases.WaitForStatusAsync(customer, placed, "partially_refunded");

        var customerBrowser = _shop.NewClient();
        var customerEmail = AccountsTestClient.NewEmail();
        await customerBrowser.RegisterAsync(customerEmail);
        await FormPostAsync(customerBrowser, "/account/login", "login", new() { ["Input.Email"] = customerEmail, ["Input.Password"] = AccountsTestClient.Password });
        var denied = await customerBrowser.GetAsync("/admin/orders");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.IsAbsoluteUri ? denied.Headers.Location.PathAndQuery : denied.Headers.Location.OriginalString);
    }

    [Fact]
    public async Task The_editor_forms_create_service_and_self_hosted_products_and_a_release_file_is_uploaded_and_kept()
    {
        var browser = _shop.NewClient();
        await FormPostAsync(browser, "/account/login", "login",
            new() { ["Input.Email"] = VozexAppFactory.AdminEmail, ["Input.Password"] = VozexAppFactory.AdminPassword });
        var api = await _shop.AdminAsync();
        var count = await WithDb(db => db.Set<Product>().CountAsync());

        Dictionary<string, string> Service(string price) => new()
        {
            ["Input.ProductType"] = "design_services", ["Input.Name"] = "Logo Week", ["Input.Description"] = "A logo in a week.",
            ["Input.Status"] = "active", ["Input.BasePrice"] = "0.00",
            ["Input.Packages[0].Name"] = "Basic", ["Input.Packages[0].Price"] = price, ["Input.Packages[0].DurationDays"] = "7",
            ["Input.Packages[0].Description"] = "One concept", ["Input.Packages[0].Deliverables"] = "Logo, Source files",
            ["Input.Timelines[0].Id"] = "standard", ["Input.Timelines[0].Enabled"] = "true", ["Input.Timelines[0].Name"] = "Standard",
            ["Input.Timelines[0].PriceFactorPercent"] = "100", ["Input.Timelines[0].DurationFactorPercent"] = "100",
            ["Input.Timelines[1].Id"] = "rush", ["Input.Timelines[1].Name"] = "Rush",
            ["Input.Timelines[1].PriceFactorPercent"] = "150", ["Input.Timelines[1].DurationFactorPercent"] = "50",
            ["Input.Skills"] = "logo_design", ["Input.Command"] = "save",
        };
        var bad = await FormPostAsync(browser, "/admin/products/new?type=design_services", "product", Service("abc"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Enter an amount such as 49.00.", await bad.Content.ReadAsStringAsync());
        Assert.Equal(count, await WithDb(db => db.Set<Product>().CountAsync()));

        var created = await FormPostAsync(browser, "/admin/products/new?type=design_services", "product", Service("500.00"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var service = await api.GetFromJsonAsync<JsonElement>("/api/v1/admin/products?q=logo-week");
        var serviceId = Id(service.GetProperty("items")[0]);
        var serviceView = await api.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products/{serviceId}");
        Assert.Equal("basic", serviceView.GetProperty("service_packages")[0].GetProperty("id").GetString());
        Assert.Equal(50_000, serviceView.GetProperty("service_packages")[0].GetProperty("price").GetInt64());
        Assert.Equal(2, serviceView.GetProperty("service_packages")[0].GetProperty("deliverables").GetArrayLength());
        Assert.Equal(["standard"], serviceView.GetProperty("timelines").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToArray());
        Assert.Equal("logo_design", serviceView.GetProperty("required_skills")[0].GetString());

        Dictionary<string, string> SelfHosted(string name) => new()
        {
            ["Input.ProductType"] = "security_tools", ["Input.Name"] = name, ["Input.Description"] = "Secrets at home.",
            ["Input.Status"] = "draft", ["Input.BasePrice"] = "0.00",
            ["Input.Licenses[0].Name"] = "Standard", ["Input.Licenses[0].Price"] = "200.00", ["Input.Licenses[0].MaxActivations"] = "2",
            ["Input.Supports[0].Id"] = "basic", ["Input.Supports[0].Name"] = "Basic", ["Input.Supports[0].PricePerYear"] = "50.00",
            ["Input.Updates[0].Id"] = "1_year", ["Input.Updates[0].Enabled"] = "true", ["Input.Updates[0].Name"] = "One year", ["Input.Updates[0].Surcharge"] = "0.00",
            ["Input.Command"] = "save",
        };
        var vault = await FormPostAsync(browser, "/admin/products/new?type=security_tools", "product", SelfHosted("Vault Page"));
        Assert.Equal(HttpStatusCode.Redirect, vault.StatusCode);
        var vaultId = Id((await api.GetFromJsonAsync<JsonElement>("/api/v1/admin/products?q=vault-page")).GetProperty("items")[0]);

        var editorHtml = await browser.GetStringAsync($"/admin/products/{vaultId}");
        var token = System.Text.RegularExpressions.Regex.Match(editorHtml, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var bytes = System.Text.Encoding.UTF8.GetBytes("vault 2.0.0 archive");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
            { new StringContent("2.0.0"), "version" },
            { new StringContent("Big release."), "notes" },
            { new ByteArrayContent(bytes), "file", "vault-2.0.0.tar.gz" },
        };
        var uploaded = await browser.PostAsync($"/admin/products/{vaultId}/release-files", upload);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.EndsWith("?saved=1", uploaded.Headers.Location!.OriginalString);
        var withFile = await api.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products/{vaultId}");
        var release = withFile.GetProperty("releases")[0];
        var file = release.GetProperty("files")[0];
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), file.GetProperty("sha256").GetString());
        Assert.Contains("vault-2.0.0.tar.gz", await browser.GetStringAsync($"/admin/products/{vaultId}"));

        var edit = SelfHosted("Vault Page Renamed");
        edit["Input.Releases[0].Version"] = "2.0.0";
        edit["Input.Releases[0].ReleasedOn"] = release.GetProperty("released_on").GetString()!;
        edit["Input.Releases[0].Notes"] = "Big release, edited.";
        edit["Input.Releases[0].Files[0].StoragePath"] = file.GetProperty("storage_path").GetString()!;
        var saved = await FormPostAsync(browser, $"/admin/products/{vaultId}", "product", edit);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await api.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products/{vaultId}");
        Assert.Equal("Vault Page Renamed", after.GetProperty("name").GetString());
        Assert.Equal("Big release, edited.", after.GetProperty("releases")[0].GetProperty("notes").GetString());
        Assert.Equal(file.GetProperty("sha256").GetString(), after.GetProperty("releases")[0].GetProperty("files")[0].GetProperty("sha256").GetString());

        // The editor carries the revision it was opened at; a save from an older one is refused and says why.
        var revision = after.GetProperty("revision").GetInt32();
        Assert.Contains($"name=\"Input.Revision\" value=\"{revision}\"", await browser.GetStringAsync($"/admin/products/{vaultId}"));
        var staleEdit = new Dictionary<string, string>(edit) { ["Input.Name"] = "Vault Page Stale", ["Input.Revision"] = (revision - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var refused = await FormPostAsync(browser, $"/admin/products/{vaultId}", "product", staleEdit);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("id=\"stale-edit\"", await refused.Content.ReadAsStringAsync());
        Assert.Equal("Vault Page Renamed", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/admin/products/{vaultId}")).GetProperty("name").GetString());
    }

    /// <summary>Loads the page (antiforgery cookie and field) and posts the named form as a browser without JavaScript would.</summary>
    private static async Task<HttpResponseMessage> FormPostAsync(HttpClient browser, string url, string formName, Dictionary<string, string> fields)
    {
        var page = await browser.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url} → {(int)page.StatusCode}");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, "no antiforgery field on " + url);
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        fields["_handler"] = formName;
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}

public sealed class SqliteAdminApiTests : AdminApiTests
{
    protected override Task<VozexAppFactory> CreateAppAsync() => Task.FromResult(VozexAppFactory.Sqlite());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAdminApiTests(PostgresCluster cluster) : AdminApiTests
{
    protected override Task<VozexAppFactory> CreateAppAsync() => cluster.NewAppAsync();
}
