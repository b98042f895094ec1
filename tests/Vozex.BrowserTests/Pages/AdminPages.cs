using Microsoft.Playwright;

namespace Vozex.BrowserTests.Pages;

/// <summary>The product editor of the admin console (/admin/products/new and /admin/products/{id}).</summary>
public sealed class ProductEditorPage(IPage page)
{
    public IPage Page => page;
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Saved => page.Locator("#saved");
    public ILocator FormErrors => page.Locator("#form-errors");
    public ILocator Status => page.Locator("#product-status");

    public static async Task<ProductEditorPage> OpenNewAsync(IPage page, string productTypeName)
    {
        await page.GotoAsync("/admin/products/new");
        await page.GetByLabel("Product type").SelectOptionAsync(new SelectOptionValue { Label = productTypeName });
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/products/new?type=*");
        return new ProductEditorPage(page);
    }

    public async Task FillProductAsync(string name, string description, string status)
    {
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Description").FillAsync(description);
        await page.GetByLabel("Status").SelectOptionAsync(status);
    }

    public ILocator PlanName(int i) => page.Locator($"#plan-{i}-name");
    public ILocator PlanPrice(int i) => page.Locator($"#plan-{i}-price");
    public ILocator PlanFeatures(int i) => page.Locator($"#plan-{i}-features");
    public ILocator PlanLimits(int i) => page.Locator($"#plan-{i}-limits");
    public ILocator PlanPriceError(int i) => page.Locator($"#plan-{i}-price-error");
    public ILocator AddOnName(int i) => page.Locator($"#addon-{i}-name");
    public ILocator AddOnPrice(int i) => page.Locator($"#addon-{i}-price");

    public async Task AddAddOnAsync()
    {
        var before = await page.Locator("#addons .row").CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add add-on" }).ClickAsync();
        await page.Locator("#addons .row").Nth(before).WaitForAsync();
    }

    public async Task SubmitAsync() =>
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Create product|Save changes)$") }).ClickAsync();
}
