using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Vozex.BrowserTests.Pages;

/// <summary>The customer dashboard's tab bar, on every /account page.</summary>
public sealed class AccountTabs(IPage page)
{
    public ILocator Nav => page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" });

    public ILocator Tab(string name) => Nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public async Task OpenAsync(string name, string path)
    {
        await Tab(name).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
    }
}

/// <summary>/account: counts, what needs attention, work in progress, the profile.</summary>
public sealed class OverviewPage(IPage page)
{
    public async Task<OverviewPage> OpenAsync()
    {
        await page.GotoAsync("/account");
        return this;
    }

    public ILocator Count(string what) => page.Locator($"#count-{what}");
    public ILocator Attention => page.GetByRole(AriaRole.List, new() { Name = "Needs your attention" }).GetByRole(AriaRole.Listitem);
    public ILocator NothingNeedsAttention => page.Locator("#attention-empty");
}

/// <summary>/account/services: one card per service order with its actions.</summary>
public sealed class ServicesTabPage(IPage page)
{
    public async Task<ServicesTabPage> OpenAsync()
    {
        await page.GotoAsync("/account/services");
        return this;
    }

    public ILocator Card(string productName) =>
        page.Locator("article.service-card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = productName }) });

    public ILocator Status(string productName) => Card(productName);
    public ILocator Provider(string productName) => Card(productName).Locator(".service-provider");
    public ILocator LastMessage(string productName) => Card(productName).Locator(".service-last-message");
    public ILocator AcceptDelivery(string productName) => page.GetByRole(AriaRole.Button, new() { Name = $"Accept the delivery of {productName}" });
    public ILocator RatingGiven(string productName) => Card(productName).Locator(".rating-given");
    public ILocator Notice => page.Locator(".form-notice");

    public async Task RateAsync(string productName, int stars)
    {
        var card = Card(productName);
        await card.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^Rate ") }).GetByRole(AriaRole.Radio, new() { Name = $"{stars} ★" }).CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
    }
}

/// <summary>/account/orders and an order's detail page.</summary>
public sealed class OrdersTabPage(IPage page)
{
    public ILocator Table => page.GetByRole(AriaRole.Table, new() { Name = "Your orders" });
    public ILocator Row(string orderNumber) => Table.GetByRole(AriaRole.Row).Filter(new() { HasText = orderNumber });
    public ILocator Empty => page.Locator("#orders-empty");
    public ILocator ReceiptLink => page.GetByRole(AriaRole.Link, new() { Name = "Printable receipt" });
    public ILocator ReceiptTotal => page.Locator("#receipt-total");
}

/// <summary>The live progress island of an order (the return page after payment, the order detail, the overview).</summary>
public sealed class OrderProgressPanel(IPage page)
{
    public ILocator Status => page.Locator("#order-status");
    public ILocator Live => page.Locator(".order-progress[data-live='true']");
    public ILocator Items => page.Locator(".progress-item");
    public ILocator Item(string productName) => Items.Filter(new() { HasText = productName });
}
