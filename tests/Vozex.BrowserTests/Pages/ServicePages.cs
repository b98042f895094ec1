using Microsoft.Playwright;

namespace Vozex.BrowserTests.Pages;

/// <summary>The customer's service order page.</summary>
public sealed class ServiceOrderPage(IPage page)
{
    public ILocator Status => page.Locator("#service-status");
    public ILocator Provider => page.Locator("#provider-name");
    public ILocator AcceptDelivery => page.GetByRole(AriaRole.Button, new() { Name = "Accept delivery" });
    public ILocator Messages => page.Locator(".thread-item");
    public ILocator RatingGiven => page.Locator("#rating-given");

    public async Task RateAsync(int stars)
    {
        await page.GetByRole(AriaRole.Group, new() { Name = "Rate" }).GetByRole(AriaRole.Radio, new() { Name = $"{stars} ★" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
    }
}

/// <summary>The provider portal and one of its orders.</summary>
public sealed class ProviderPortalPage(IPage page)
{
    public async Task<ProviderPortalPage> OpenAsync()
    {
        await page.GotoAsync("/provider");
        return this;
    }

    public ILocator Order(string orderNumber) => page.GetByRole(AriaRole.Link, new() { Name = orderNumber });
    public ILocator Status => page.Locator("#service-status");
    public ILocator Accept => page.GetByRole(AriaRole.Button, new() { Name = "Accept" , Exact = true });
    public ILocator Start => page.GetByRole(AriaRole.Button, new() { Name = "Start work" });

    public async Task DeliverAsync(string message, string fileName, byte[] content)
    {
        await page.GetByLabel("Message to the customer").FillAsync(message);
        await page.GetByLabel("Files (up to 5, 10 MB each)").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "image/svg+xml", Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send delivery" }).ClickAsync();
    }
}
