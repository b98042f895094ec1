using Microsoft.Playwright;

namespace Vozex.BrowserTests.Pages;

/// <summary>The configure page: options on the left, the live price on the right.</summary>
public sealed class ConfiguratorPage(IPage page)
{
    public IPage Page => page;
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Total => page.Locator("#quote-total");
    public ILocator Renewal => page.Locator("#quote-renewal");
    public ILocator PriceLines => page.GetByRole(AriaRole.Table, new() { Name = "Price lines" }).GetByRole(AriaRole.Row);
    public ILocator SubdomainStatus => page.Locator("#subdomain-status");

    public async Task<ConfiguratorPage> OpenAsync(string slug)
    {
        await page.GotoAsync($"/products/{slug}/configure");
        return await LiveAsync();
    }

    /// <summary>Waits until the interactive circuit has taken the page over, so choices are priced as they are made.</summary>
    public async Task<ConfiguratorPage> LiveAsync()
    {
        await page.Locator("[data-live='true']").WaitForAsync();
        return this;
    }

    public ILocator Plan(string name) => page.GetByRole(AriaRole.Group, new() { Name = "Plan" }).GetByRole(AriaRole.Radio, new() { Name = name, Exact = true });

    public ILocator AddOn(string name) => page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true });

    public ILocator BillingCycle(string name) => page.GetByRole(AriaRole.Group, new() { Name = "Billing cycle" }).GetByRole(AriaRole.Radio, new() { Name = name, Exact = true });

    public ILocator Subdomain => page.GetByLabel("Subdomain");

    public async Task<CartPage> AddToCartAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.WaitForURLAsync("**/cart");
        return new CartPage(page);
    }
}

public sealed class CartPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Items => page.Locator("article.cart-item");
    public ILocator Total => page.Locator("#cart-total");
    public ILocator HeaderLink => page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).Locator(".cart-link");

    public ILocator Item(string productName) => Items.Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = productName }) });

    public ILocator ItemTotal(string productName) => Item(productName).Locator(".item-total");

    public async Task RemoveAsync(string productName)
    {
        await Item(productName).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await page.WaitForURLAsync("**/cart");
    }
}
