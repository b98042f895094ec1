using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using Vozex.Testing;
using Vozex.Web.Modules.Analytics.Contracts;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

/// <summary>An administrator reads the analytics charts over a chosen range and retries a failed fulfilment from the monitor.</summary>
public sealed class AdminInsightJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> AdminAsync()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await new SignInPage(page).SignInAsync(VozexAppFactory.AdminEmail, VozexAppFactory.AdminPassword);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    private async Task WithDbAsync(Func<IServiceProvider, MarketplaceDbContext, Task> action)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await action(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    [Fact]
    public async Task An_admin_changes_the_analytics_range_and_sees_the_charts_of_that_range()
    {
        // A March with a known funnel and revenue, outside the default last-30-days window.
        var at = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        await WithDbAsync(async (services, db) =>
        {
            var analytics = services.GetRequiredService<IAnalytics>();
            for (var i = 0; i < 8; i++) analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.CatalogView, at));
            for (var i = 0; i < 4; i++) analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.ProductView, at, ProductSlug: "sentinelscan"));
            analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.CheckoutStarted, at, OrderId: Guid.NewGuid(), Gateway: "sandbox"));
            analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.CheckoutStarted, at, OrderId: Guid.NewGuid(), Gateway: "sandbox"));
            analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.OrderPaid, at, OrderId: Guid.NewGuid(), Gateway: "sandbox", Amount: 49_900, Currency: "USD"));
            analytics.Record(new AnalyticsEventData(AnalyticsEventKinds.ItemPaid, at, ProductType: "security_tools", Amount: 49_900, Currency: "USD"));
            await db.SaveChangesAsync();
        });

        var page = await AdminAsync();
        var analyticsPage = await new AnalyticsAdminPage(page).OpenAsync();
        await Expect(analyticsPage.ChartImage("Revenue by day")).ToBeVisibleAsync();
        await Expect(analyticsPage.Bars("chart-revenue-day")).ToHaveCountAsync(30);

        await analyticsPage.ShowRangeAsync("2026-03-01", "2026-03-31");
        await page.WaitForURLAsync("**/admin/analytics?from=2026-03-01&to=2026-03-31");
        await Expect(analyticsPage.RangeShown).ToContainTextAsync("Mar 1, 2026 – Mar 31, 2026");
        foreach (var title in new[] { "Checkout completion rate", "Payment success rate per gateway", "Revenue by product type", "Revenue by day" })
            await Expect(analyticsPage.ChartImage(title)).ToBeVisibleAsync();
        await Expect(analyticsPage.Bars("chart-funnel")).ToHaveCountAsync(4);
        await Expect(analyticsPage.Bars("chart-revenue-day")).ToHaveCountAsync(31);
        Assert.Equal("8", await analyticsPage.TableValueAsync("chart-funnel", "Catalog views"));
        Assert.Equal("1 (50%)", await analyticsPage.TableValueAsync("chart-funnel", "Orders paid"));
        Assert.Equal("50%", await analyticsPage.TableValueAsync("chart-completion", "Paid ÷ started"));
        Assert.Equal("$499", await analyticsPage.TableValueAsync("chart-revenue-type", "Security Tools"));
        Assert.Equal("$499", await analyticsPage.TableValueAsync("chart-revenue-day", "Mar 10"));
        await Expect(page.Locator("#kpi-revenue")).ToHaveTextAsync("$499");
        // The longest bar of the funnel spans the axis in proportion: 8 of an axis ending at 10.
        var widths = await analyticsPage.Bars("chart-funnel").EvaluateAllAsync<double[]>("bars => bars.map(b => parseFloat(b.getAttribute('width')))");
        Assert.Equal([8, 4, 2, 1], widths.Select(w => Math.Round(w / widths[0] * 8, 6)));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("admin-analytics"), FullPage = true });

        // A range that ends before it begins is refused with a message, not a chart of nothing.
        await analyticsPage.ShowRangeAsync("2026-03-31", "2026-03-01");
        await Expect(page.Locator("#range-errors")).ToContainTextAsync("to:");
    }

    [Fact]
    public async Task An_admin_retries_a_failed_fulfilment_from_the_monitor()
    {
        long id = 0;
        await WithDbAsync(async (_, db) =>
        {
            var now = DateTimeOffset.UtcNow;
            var record = new FulfillmentRecord
            {
                OrderId = Guid.NewGuid(),
                OrderNumber = "VZX-BRWSR-00001",
                OrderItemId = 8_000_000 + Random.Shared.Next(1_000_000),
                CustomerId = Guid.NewGuid(),
                CustomerEmail = "someone@example.com",
                Driver = FulfillmentDrivers.SelfHostedLicense,
                ProductType = "security_tools",
                ProductSlug = "sentinelscan",
                ProductName = "SentinelScan",
                PayloadSnapshot = "{}",
                PaidAt = now,
                CreatedAt = now,
                NextAttemptAt = now.AddDays(1),
            };
            db.Add(record);
            await db.SaveChangesAsync();
            id = record.Id;
            await db.Set<FulfillmentRecord>().Where(r => r.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, FulfillmentStatus.Failed)
                .SetProperty(r => r.Attempts, 5)
                .SetProperty(r => r.LastError, "License signing key unavailable (test)"));
        });

        var page = await AdminAsync();
        var monitor = await new FulfillmentMonitorAdminPage(page).OpenAsync();
        await Expect(monitor.FailedCount(FulfillmentDrivers.SelfHostedLicense)).ToHaveTextAsync("1");
        await Expect(monitor.Record(id)).ToContainTextAsync("License signing key unavailable (test)");
        await Expect(monitor.Record(id)).ToContainTextAsync("VZX-BRWSR-00001");

        await monitor.RetryAsync(id);
        await Expect(monitor.ReportRow(id)).ToHaveAttributeAsync("data-outcome", "queued");
        await Expect(page.Locator("#bulk-succeeded")).ToHaveTextAsync("1");
        // No longer among the failures: it is queued again with fresh attempts.
        await Expect(monitor.Record(id)).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("admin-fulfillment-monitor"), FullPage = true });

        await WithDbAsync(async (_, db) =>
        {
            var record = await db.Set<FulfillmentRecord>().AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.NotEqual(FulfillmentStatus.Failed, record.Status);
        });
        var audit = await page.APIRequest.GetAsync($"/api/v1/admin/audit-log?action=fulfillment.retry&target_id={id}");
        Assert.Contains("\"total\":1", await audit.TextAsync());
    }

    [Fact]
    public async Task An_admin_registers_a_provider_and_finds_it_in_the_audit_log_and_every_admin_list_renders()
    {
        var page = await AdminAsync();
        foreach (var (path, heading) in new[]
                 {
                     ("/admin/tenants", "Tenants"), ("/admin/licenses", "Licenses"), ("/admin/service-orders", "Service orders"),
                     ("/admin/gateways", "Gateway health"), ("/admin/webhooks", "Webhook inbox"), ("/admin/audit-log", "Audit log"),
                 })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        }
        await page.GotoAsync("/admin/gateways");
        await Expect(page.Locator("#gateway-sandbox")).ToHaveAttributeAsync("data-configured", "true");

        await page.GotoAsync("/admin/providers");
        var email = $"studio-{Guid.NewGuid():N}@example.com";
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Name").FillAsync("Studio Nord");
        await page.GetByLabel("Skills").FillAsync("branding, graphic_design");
        await page.GetByLabel("Capacity").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(page.Locator("#provider-notice")).ToContainTextAsync("Studio Nord is registered.");
        await Expect(page.Locator("#providers")).ToContainTextAsync(email);

        // A bad capacity is refused next to its field.
        await page.GetByLabel("Email").FillAsync($"other-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Name").FillAsync("Too Big");
        await page.GetByLabel("Skills").FillAsync("branding");
        await page.GetByLabel("Capacity").FillAsync("500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(page.Locator("#provider-capacity-error")).ToContainTextAsync("Capacity");

        await page.GotoAsync("/admin/audit-log");
        await page.GetByLabel("Action").FillAsync("provider.create");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("#audit-entries tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#audit-entries")).ToContainTextAsync(email);
    }

    /// <summary>A customer buys two self-hosted licenses over the API and pays on the sandbox page in the browser.</summary>
    private Task<string> BuyTwoLicensesAsync()
    {
        var item = new { product_slug = "sentinelscan", configuration = new { license_type = "standard", support_plan = "priority", updates = "lifetime" } };
        return BuyAsync(item, item);
    }

    private async Task<string> BuyAsync(params object[] items)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseUrl };
        var email = $"buyer-{Guid.NewGuid():N}@example.com";
        (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "correct-horse-42", name = "Bulk Buyer" })).EnsureSuccessStatusCode();
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct-horse-42" });
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        var placed = await (await http.PostAsJsonAsync("/api/v1/checkout", new { items, payment_gateway = "sandbox" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var pay = await fixture.NewPageAsync();
        await pay.GotoAsync(placed.GetProperty("checkout_url").GetString()!);
        await pay.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay ") }).ClickAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await http.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{placed.GetProperty("order_id").GetString()}")).GetProperty("status").GetString() != "fulfilled")
        {
            Assert.True(DateTime.UtcNow < deadline, "The licenses were never issued.");
            await Task.Delay(100);
        }
        return email;
    }

    [Fact]
    public async Task An_admin_revokes_licenses_in_bulk_and_sees_which_ones_changed()
    {
        var email = await BuyTwoLicensesAsync();
        var page = await AdminAsync();
        await page.GotoAsync($"/admin/licenses?q={Uri.EscapeDataString(email)}");
        var rows = page.Locator("#licenses tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        var first = await rows.Nth(0).GetAttributeAsync("data-id");

        // Revoke one ...
        await rows.Nth(0).GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByLabel("Reason (kept in the audit log)").FillAsync("Chargeback");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.Locator("#bulk-succeeded")).ToHaveTextAsync("1");
        await Expect(page.Locator($"#licenses tr[data-id='{first}']")).ToHaveAttributeAsync("data-status", "revoked");

        // ... then both: the one already revoked cannot be revoked again, and the report says so.
        foreach (var box in await page.Locator("#licenses tbody input[type=checkbox]").AllAsync()) await box.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.Locator("#bulk-total")).ToHaveTextAsync("2");
        await Expect(page.Locator("#bulk-succeeded")).ToHaveTextAsync("1");
        await Expect(page.Locator($"#bulk-report tr[data-record='{first}']")).ToHaveAttributeAsync("data-outcome", "not_allowed");
        await Expect(page.Locator("#licenses tbody tr[data-status='revoked']")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("admin-licenses-bulk"), FullPage = true });

        // Nothing selected: the page says what is missing and changes nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Extend updates" }).ClickAsync();
        await Expect(page.Locator("#page-error")).ToContainTextAsync("ids");
    }

    [Fact]
    public async Task An_admin_suspends_and_resumes_a_tenant_from_the_list()
    {
        var subdomain = $"inn{Guid.NewGuid():N}"[..16];
        var email = await BuyAsync(new
        {
            product_slug = "harborstay-hotel-pms",
            configuration = new { plan = "professional", features = Array.Empty<string>(), billing_cycle = "annual", subdomain },
        });
        var page = await AdminAsync();
        await page.GotoAsync($"/admin/tenants?q={Uri.EscapeDataString(email)}");
        var row = page.Locator("#tenants tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-status", "active");

        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend selected" }).ClickAsync();
        await Expect(page.Locator("#bulk-report tbody tr")).ToHaveAttributeAsync("data-outcome", "changed");
        await Expect(row).ToHaveAttributeAsync("data-status", "suspended");

        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend selected" }).ClickAsync();
        await Expect(page.Locator("#bulk-report tbody tr")).ToHaveAttributeAsync("data-outcome", "unchanged");
        await Expect(page.Locator("#bulk-succeeded")).ToHaveTextAsync("0");

        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume selected" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "active");
    }

    [Fact]
    public async Task An_admin_filters_the_webhook_inbox_and_replays_a_webhook()
    {
        await BuyAsync(new { product_slug = "sentinelscan", configuration = new { license_type = "standard", support_plan = "basic", updates = "1_year" } });
        var page = await AdminAsync();
        await page.GotoAsync("/admin/webhooks");
        await page.GetByLabel("Gateway").SelectOptionAsync("sandbox");
        await page.GetByLabel("Status").SelectOptionAsync("done");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/webhooks?gateway=sandbox&status=done");
        var first = page.Locator("#webhooks tbody tr").First;
        await Expect(first).ToHaveAttributeAsync("data-status", "done");
        var id = await first.GetAttributeAsync("data-id");

        await first.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(page.Locator($"#bulk-report tr[data-record='{id}']")).ToHaveAttributeAsync("data-outcome", "replay_queued");
        var audit = await page.APIRequest.GetAsync($"/api/v1/admin/audit-log?action=webhook.replay&target_id={id}");
        Assert.Contains("\"total\":1", await audit.TextAsync());
    }

    [Fact]
    public async Task An_admin_assigns_a_waiting_service_order_to_a_provider_by_hand()
    {
        // Nobody is available, so the order waits for a person to decide.
        await WithDbAsync((_, db) => db.Set<Provider>().ExecuteUpdateAsync(s => s.SetProperty(p => p.Available, false)));
        var providerEmail = $"hand-{Guid.NewGuid():N}@example.com";
        using (var http = new HttpClient { BaseAddress = fixture.BaseUrl })
        {
            var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = VozexAppFactory.AdminEmail, password = VozexAppFactory.AdminPassword });
            http.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
            (await http.PostAsJsonAsync("/api/v1/admin/providers",
                new { email = providerEmail, name = "Hand Picked", skills = new[] { "branding", "graphic_design" }, capacity = 2, available = false })).EnsureSuccessStatusCode();
        }
        await BuyAsync(new
        {
            product_slug = "brandcraft-logo-identity",
            configuration = new { package = "standard", requirements = "A logo for a bakery called Crumb.", timeline = "standard" },
        });

        var page = await AdminAsync();
        await page.GotoAsync("/admin/service-orders?status=pending_assignment");
        var row = page.Locator("#service-orders tbody tr").First;
        await Expect(row).ToHaveAttributeAsync("data-status", "pending_assignment");
        var id = await row.GetAttributeAsync("data-id");
        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = "Hand Picked (0/2 open, away)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign selected" }).ClickAsync();
        await Expect(page.Locator($"#bulk-report tr[data-record='{id}']")).ToHaveAttributeAsync("data-outcome", "assigned");

        await page.GotoAsync("/admin/service-orders?status=assigned");
        await Expect(page.Locator($"#service-orders tr[data-id='{id}']")).ToContainTextAsync("Hand Picked");
    }
}
