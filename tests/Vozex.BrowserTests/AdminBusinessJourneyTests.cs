using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using Vozex.Testing;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

/// <summary>
/// A day in the console from end to end: an administrator publishes a SaaS product with two plans, a customer (another
/// browser) buys the dearer plan, and the administrator finds the order, sees it in the analytics, refunds it and reads
/// every step back in the audit log. Its own app, so the analytics hold exactly this purchase.
/// </summary>
public sealed class AdminBusinessJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_publishes_a_two_plan_product_a_customer_buys_it_and_the_admin_sees_refunds_and_audits_it()
    {
        var admin = await fixture.NewPageAsync();
        await admin.GotoAsync("/account/login?returnUrl=%2Fadmin");
        await new SignInPage(admin).SignInAsync(VozexAppFactory.AdminEmail, VozexAppFactory.AdminPassword);
        await admin.WaitForURLAsync("**/admin");

        // Publish: two plans, active at once.
        var editor = await ProductEditorPage.OpenNewAsync(admin, "🏪 Retail POS");
        await editor.FillProductAsync("Till Harbor", "A cloud till for market stalls and corner shops.", "active");
        await editor.PlanName(0).FillAsync("Stall");
        await editor.PlanPrice(0).FillAsync("19.00");
        await editor.PlanFeatures(0).FillAsync("Inventory tracking");
        await editor.PlanLimits(0).FillAsync("users=2");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add plan" }).ClickAsync();
        await editor.PlanName(1).WaitForAsync();
        await editor.PlanName(1).FillAsync("Shop");
        await editor.PlanPrice(1).FillAsync("49.00");
        await editor.PlanFeatures(1).FillAsync("Inventory tracking, Barcode scanning");
        await editor.PlanLimits(1).FillAsync("users=10");
        await editor.SubmitAsync();
        await admin.WaitForURLAsync(new Regex("/admin/products/[0-9]+\\?saved=1$"));
        await Expect(editor.Status).ToHaveTextAsync("active");

        // A customer in their own browser buys the dearer plan on the sandbox.
        var customer = await fixture.NewPageAsync();
        var configurator = await new ConfiguratorPage(customer).OpenAsync("till-harbor");
        await Expect(configurator.Plan("Stall")).ToBeVisibleAsync();
        await configurator.Plan("Shop").CheckAsync();
        await configurator.AddToCartAsync();
        await BuyerFlows.SignUpFromCartAsync(customer, "Stall Owner");
        await BuyerFlows.CheckOutOnSandboxAsync(customer, pay: true);
        var orderNumber = await BuyerFlows.OrderNumberAsync(customer);
        await Expect(new OrderProgressPanel(customer).Status).ToHaveAttributeAsync("data-status", "fulfilled", new() { Timeout = 30_000 });

        // The administrator finds it by number.
        await admin.GotoAsync($"/admin/orders?q={Uri.EscapeDataString(orderNumber)}");
        var row = admin.Locator($"#orders tr[data-order-number='{orderNumber}']");
        await Expect(row).ToContainTextAsync("Till Harbor");
        await Expect(row).ToContainTextAsync("$49");
        await BuyerFlows.ShotAsync(admin, "admin-orders-found");

        // Analytics show the sale: one paid order and its revenue under the product's type.
        var analytics = await new AnalyticsAdminPage(admin).OpenAsync();
        await Expect(admin.Locator("#kpi-orders")).ToHaveTextAsync("1");
        await Expect(admin.Locator("#kpi-revenue")).ToHaveTextAsync("$49");
        Assert.Equal("$49", await analytics.TableValueAsync("chart-revenue-type", "Retail POS"));
        await BuyerFlows.ShotAsync(admin, "admin-analytics-after-sale");

        // Refund everything, through the confirmation step.
        await admin.GotoAsync("/admin/orders");
        await row.GetByRole(AriaRole.Link, new() { Name = orderNumber }).ClickAsync();
        await admin.WaitForURLAsync("**/admin/orders/*");
        await admin.GetByLabel("Reason").FillAsync("Bought the wrong plan");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Review refund" }).ClickAsync();
        await Expect(admin.Locator("#refund-confirm")).ToContainTextAsync("$49");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Confirm refund" }).ClickAsync();
        await Expect(admin.Locator("#refund-message")).ToBeVisibleAsync();
        await Expect(admin.Locator("#order-refunds")).ToContainTextAsync("$49", new() { Timeout = 20_000 });
        await BuyerFlows.ShotAsync(admin, "admin-order-refunded");

        // The audit log tells the story: published, refunded, and the tenant the refund cancelled.
        await admin.GotoAsync("/admin/audit-log");
        var entries = admin.Locator("#audit-entries tbody tr");
        await Expect(entries.Filter(new() { HasText = "product.create" })).ToHaveCountAsync(1);
        await Expect(entries.Filter(new() { HasText = "order.refund" }).First).ToContainTextAsync(VozexAppFactory.AdminEmail);
        // The tenant is cancelled when the gateway confirms the refund, which may land a moment after the page was drawn.
        var cancelled = admin.Locator("#audit-entries tr[data-action='tenant.cancel']");
        for (var deadline = DateTime.UtcNow.AddSeconds(20); await cancelled.CountAsync() == 0 && DateTime.UtcNow < deadline; await Task.Delay(500))
            await admin.ReloadAsync();
        await Expect(cancelled).ToHaveCountAsync(1);
        await Expect(cancelled).ToContainTextAsync("system");
        await BuyerFlows.ShotAsync(admin, "admin-audit-log");
    }
}
