using Microsoft.Playwright;

namespace Vozex.BrowserTests.Pages;

/// <summary>Page objects: what a visitor sees and does, named in their words, so journeys read as steps.</summary>
public sealed class HomePage(IPage page)
{
    public async Task<HomePage> OpenAsync()
    {
        await page.GotoAsync("/");
        return this;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator CategoryCards => page.Locator(".category-card");

    public async Task<CatalogPage> OpenCategoryAsync(string name)
    {
        await page.Locator(".category-card", new() { HasText = name }).ClickAsync();
        await page.WaitForURLAsync("**/products?category=*");
        return new CatalogPage(page);
    }
}

public sealed class CatalogPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Products => page.Locator("article.product-card");

    public ILocator ResultCount => page.GetByRole(AriaRole.Status);

    public async Task SearchAsync(string text)
    {
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("q=" + Uri.EscapeDataString(text), StringComparison.Ordinal));
    }

    public async Task SortByAsync(string label)
    {
        await page.GetByLabel("Sort by").SelectOptionAsync(new SelectOptionValue { Label = label });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync("**sort=*");
    }

    public async Task<ProductPage> OpenProductAsync(string name)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/products/*");
        return new ProductPage(page);
    }

    public async Task TickCompareAsync(int index) =>
        await Products.Nth(index).GetByRole(AriaRole.Checkbox, new() { Name = "Compare" }).CheckAsync();

    public async Task<ComparePage> CompareSelectedAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare selected" }).ClickAsync();
        await page.WaitForURLAsync("**/compare?*");
        return new ComparePage(page);
    }

    public async Task<string> ProductNameAsync(int index) =>
        (await Products.Nth(index).GetByRole(AriaRole.Heading).InnerTextAsync()).Trim();
}

public sealed class ProductPage(IPage page)
{
    public IPage Page => page;
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator TypeBadge => page.Locator(".product-hero .badge").First;
    public ILocator GetStarted => page.GetByRole(AriaRole.Link, new() { Name = "Get started" });
    public ILocator PricingOptions => page.Locator("#pricing .option-card");
}

public sealed class ComparePage(IPage page)
{
    public ILocator ProductColumns => page.Locator("table[aria-label='Product comparison'] thead th a[href^='/products/']");
    public ILocator FeatureRows => page.Locator("table[aria-label='Product comparison'] tbody tr");
}
