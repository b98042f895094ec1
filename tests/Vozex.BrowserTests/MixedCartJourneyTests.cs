using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

/// <summary>
/// A SaaS, a self-hosted and a service product in one payment: the order page follows each item live, without reloading,
/// until all are fulfilled, and each dashboard tab shows its item. It has its own app because it empties the provider pool.
/// </summary>
public sealed class MixedCartJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_mixed_cart_paid_once_shows_each_items_progress_live_until_all_are_ready_and_every_tab_shows_its_item()
    {
        // No provider yet, so the service item visibly waits for one while the page is open.
        await ProviderSetup.NobodyAvailableAsync(fixture);

        var page = await fixture.NewPageAsync();
        await BuyerFlows.MixedCartAsync(page, "Mixed Mia");
        await BuyerFlows.CheckOutOnSandboxAsync(page, pay: true);
        var orderNumber = await BuyerFlows.OrderNumberAsync(page);
        var orderId = BuyerFlows.OrderIdOf(page);

        var progress = new OrderProgressPanel(page);
        await Expect(progress.Live).ToBeVisibleAsync();
        await Expect(progress.Items).ToHaveCountAsync(3);
        await Expect(progress.Item(BuyerFlows.SaasName)).ToHaveAttributeAsync("data-progress", "done", new() { Timeout = 30_000 });
        await Expect(progress.Item(BuyerFlows.SaasName)).ToContainTextAsync("Provisioning your tenant… done");
        await Expect(progress.Item(BuyerFlows.SelfHostedName)).ToHaveAttributeAsync("data-progress", "done", new() { Timeout = 20_000 });
        await Expect(progress.Item(BuyerFlows.SelfHostedName)).ToContainTextAsync("Issuing your license… done");
        await Expect(progress.Item(BuyerFlows.ServiceName)).ToHaveAttributeAsync("data-progress", "working");
        await Expect(progress.Item(BuyerFlows.ServiceName)).ToContainTextAsync("Finding a provider…");
        await Expect(progress.Status).ToContainTextAsync("We are setting everything up");
        await BuyerFlows.ShotAsync(page, "order-progress-finding-provider");

        // The overview, open in another tab, lists the order as being set up.
        var dashboard = await page.Context.NewPageAsync();
        await new OverviewPage(dashboard).OpenAsync();
        var setUp = new OrderProgressPanel(dashboard);
        await Expect(setUp.Live).ToBeVisibleAsync();
        await Expect(setUp.Item(BuyerFlows.ServiceName)).ToHaveAttributeAsync("data-progress", "working");

        // From here both pages must change by themselves: a marker set now survives only if a page is never reloaded.
        await page.EvaluateAsync("() => { window.vozexSamePage = true; }");
        await dashboard.EvaluateAsync("() => { window.vozexSamePage = true; }");
        await ProviderSetup.RegisterTopRatedAsync(fixture, $"designer-{Guid.NewGuid():N}@example.com", "Dana Designer");
        await Expect(setUp.Item(BuyerFlows.ServiceName)).ToHaveAttributeAsync("data-progress", "done", new() { Timeout = 20_000 });
        Assert.True(await dashboard.EvaluateAsync<bool>("() => window.vozexSamePage === true"), "The overview reloaded instead of updating in place.");
        await BuyerFlows.ShotAsync(dashboard, "dashboard-overview-set-up-live");
        await dashboard.CloseAsync();
        await Expect(progress.Item(BuyerFlows.ServiceName)).ToHaveAttributeAsync("data-progress", "done", new() { Timeout = 20_000 });
        await Expect(progress.Item(BuyerFlows.ServiceName)).ToContainTextAsync("Finding a provider… assigned to Dana Designer");
        await Expect(progress.Status).ToHaveAttributeAsync("data-status", "fulfilled");
        await Expect(progress.Status).ToContainTextAsync("Everything is ready");
        Assert.True(await page.EvaluateAsync<bool>("() => window.vozexSamePage === true"), "The order page reloaded instead of updating in place.");
        await BuyerFlows.ShotAsync(page, "order-progress-all-ready");

        // Overview: one of each.
        var overview = await new OverviewPage(page).OpenAsync();
        foreach (var what in new[] { "tenants", "licenses", "service-orders", "orders" })
            await Expect(overview.Count(what)).ToHaveAttributeAsync("data-count", "1");
        await BuyerFlows.ShotAsync(page, "dashboard-overview");

        var tabs = new AccountTabs(page);
        await tabs.OpenAsync("Licenses", "/account/licenses");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).Filter(new() { HasText = BuyerFlows.SelfHostedName })).ToBeVisibleAsync();
        await BuyerFlows.ShotAsync(page, "dashboard-licenses");

        await tabs.OpenAsync("Services", "/account/services");
        var services = new ServicesTabPage(page);
        await Expect(services.Card(BuyerFlows.ServiceName)).ToHaveAttributeAsync("data-status", "assigned");
        await Expect(services.Provider(BuyerFlows.ServiceName)).ToContainTextAsync("Dana Designer");
        await BuyerFlows.ShotAsync(page, "dashboard-services");

        await tabs.OpenAsync("Orders", "/account/orders");
        var orders = new OrdersTabPage(page);
        await Expect(orders.Row(orderNumber)).ToContainTextAsync("Ready");
        await BuyerFlows.ShotAsync(page, "dashboard-orders");
        await orders.Row(orderNumber).GetByRole(AriaRole.Link, new() { Name = orderNumber }).ClickAsync();
        await page.WaitForURLAsync($"**/account/orders/{orderId}");
        foreach (var name in new[] { BuyerFlows.SaasName, BuyerFlows.SelfHostedName, BuyerFlows.ServiceName })
            await Expect(page.GetByRole(AriaRole.Article, new() { Name = name })).ToBeVisibleAsync();
        await Expect(page.Locator(".progress-item[data-progress='done']")).ToHaveCountAsync(3);
        var total = await page.Locator("#order-total").InnerTextAsync();
        await BuyerFlows.ShotAsync(page, "dashboard-order-detail");
        await orders.ReceiptLink.ClickAsync();
        await page.WaitForURLAsync($"**/account/orders/{orderId}/receipt");
        await Expect(orders.ReceiptTotal).ToHaveTextAsync(total);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Receipt");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeHiddenAsync();
        await BuyerFlows.ShotAsync(page, "dashboard-receipt-print");

        // Phone width: every tab of ours fits without sideways scrolling.
        var phone = await page.Context.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        foreach (var (path, shot) in new[] { ("/account", "overview"), ("/account/services", "services"), ("/account/orders", "orders"), ($"/account/orders/{orderId}", "order-detail") })
        {
            await phone.GotoAsync(path);
            await Expect(new AccountTabs(phone).Tab("Orders")).ToBeVisibleAsync();
            var wide = await phone.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className).join(' | ')");
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways on a phone: {wide}");
            await BuyerFlows.ShotAsync(phone, $"dashboard-{shot}-phone");
        }
    }
}
