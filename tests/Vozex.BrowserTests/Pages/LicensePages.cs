using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Vozex.BrowserTests.Pages;

/// <summary>The Licenses tab of the customer dashboard, and one license card on it.</summary>
public sealed class LicensesPage(IPage page)
{
    public IPage Page => page;
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator EmptyState => page.Locator(".empty-state");

    public async Task<LicensesPage> OpenAsync()
    {
        await page.GotoAsync("/account/licenses");
        return this;
    }

    /// <summary>The card of a product's license (the first, when several were bought), found by its accessible name.</summary>
    public LicenseCard License(string productName) =>
        new(page, page.GetByRole(AriaRole.Article, new() { NameRegex = new Regex("^" + Regex.Escape(productName) + "\\b") }).First, productName);
}

public sealed class LicenseCard(IPage page, ILocator card, string productName)
{
    public ILocator Card => card;
    public ILocator Key => card.Locator(".license-key");
    public ILocator Status => card.Locator(".badge.status");
    public ILocator CopyKey => card.GetByRole(AriaRole.Button, new() { Name = $"Copy the license key of {productName}" });
    public ILocator CopyStatus => card.Locator(".copy-status");
    public ILocator Activations => card.Locator(".activation-count");
    public ILocator DownloadLink => card.Locator("a.download-link");
    public ILocator LinkTerms => card.Locator(".link-terms");
    public ILocator Remaining => card.Locator(".link-terms .remaining");
    public ILocator LinkSha256 => card.Locator(".new-link .sha code");
    public ILocator Releases => card.GetByRole(AriaRole.List, new() { Name = $"Releases of {productName}" }).Locator("li.release");
    public ILocator LicenseFile => card.GetByRole(AriaRole.Link, new() { Name = $"Download the signed license file of {productName}" });

    public async Task NewDownloadLinkAsync()
    {
        await card.GetByRole(AriaRole.Button, new() { Name = $"New download link for {productName}" }).ClickAsync();
        await DownloadLink.WaitForAsync();
    }

    /// <summary>Clicks the link shown on the page and saves what the browser downloads.</summary>
    public async Task<(string Path, string SuggestedName)> DownloadAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => DownloadLink.ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"vozex-download-{Guid.NewGuid():N}");
        await download.SaveAsAsync(path);
        return (path, download.SuggestedFilename);
    }
}
