using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform.Data;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

/// <summary>A self-hosted product bought by a new visitor: the key copied from the Licenses tab, the release downloaded, the link used up.</summary>
public sealed class LicenseJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_buys_self_hosted_software_copies_the_key_downloads_the_release_and_uses_the_link_up()
    {
        var page = await fixture.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = fixture.BaseUrl.GetLeftPart(UriPartial.Authority) });

        // Configure, sign up and pay on the sandbox.
        var configurator = await new ConfiguratorPage(page).OpenAsync("sentinelscan");
        await page.GetByRole(AriaRole.Group, new() { Name = "License" }).GetByRole(AriaRole.Radio, new() { Name = "Professional", Exact = true }).CheckAsync();
        await configurator.AddToCartAsync();
        await BuyerFlows.SignUpFromCartAsync(page, "Harbor Security");
        await BuyerFlows.CheckOutOnSandboxAsync(page, pay: true);
        await Expect(page.Locator("#order-status")).ToHaveAttributeAsync("data-status", "fulfilled", new() { Timeout = 20_000 });

        // The Licenses tab shows the new license; the key copies to the clipboard.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).Locator(".account-name").ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" }).GetByRole(AriaRole.Link, new() { Name = "Licenses" }).ClickAsync();
        await page.WaitForURLAsync("**/account/licenses");
        var licenses = new LicensesPage(page);
        await Expect(licenses.Heading).ToHaveTextAsync("Your licenses");
        var license = licenses.License("SentinelScan");
        await Expect(license.Status).ToHaveTextAsync(new Regex("Active$"));
        await Expect(license.Activations).ToHaveTextAsync("0 of 5");
        var key = (await license.Key.InnerTextAsync()).Trim();
        Assert.Matches("^VZX(-[0-9A-Z]{5}){6}$", key);
        await license.CopyKey.ClickAsync();
        await Expect(license.CopyStatus).ToHaveTextAsync("Key copied to the clipboard.");
        Assert.Equal(key, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // A fresh link: five downloads within 24 hours, each the release byte for byte.
        var expected = await NewestReleaseFileAsync("sentinelscan");
        await license.NewDownloadLinkAsync();
        await Expect(license.Remaining).ToHaveTextAsync("5 of 5 downloads left");
        await Expect(license.LinkTerms).ToContainTextAsync(new Regex("Expires \\w+ \\d{1,2}, \\d{4} at \\d{2}:\\d{2} UTC"));
        await Expect(license.LinkSha256).ToHaveTextAsync(expected.Sha256);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("account-licenses"), FullPage = true });
        var url = await license.DownloadLink.GetAttributeAsync("href");

        for (var i = 0; i < 5; i++)
        {
            var (path, name) = await license.DownloadAsync();
            try
            {
                Assert.Equal(expected.FileName, name);
                await using var file = File.OpenRead(path);
                Assert.Equal(expected.Size, file.Length);
                Assert.Equal(expected.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(file)));
            }
            finally
            {
                File.Delete(path);
            }
        }

        // The sixth opening of the link says plainly that it is used up.
        var sixth = await page.GotoAsync(url!);
        Assert.Equal(410, sixth!.Status);
        await Expect(page.Locator("body")).ToHaveTextAsync(new Regex("^This download link has been used 5 times, its limit\\. Create a new one from your licenses in your account\\.\\s*$"));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("download-used-up"), FullPage = true });

        // The same tab on a phone.
        await page.SetViewportSizeAsync(390, 844);
        await licenses.OpenAsync();
        await Expect(license.Key).ToHaveTextAsync(key);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("account-licenses-mobile"), FullPage = true });
    }

    [Fact]
    public async Task A_new_customer_sees_the_empty_licenses_tab()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/register");
        var signUp = new SignUpPage(page);
        await signUp.FillAsync("Nobody Yet", $"empty-{Guid.NewGuid():N}@example.com", "correct-horse-42");
        await signUp.SubmitAsync();
        await Expect(new SiteHeader(page).AccountName).ToHaveTextAsync("Nobody Yet");
        var licenses = await new LicensesPage(page).OpenAsync();
        await Expect(licenses.EmptyState).ToContainTextAsync("No licenses yet");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("account-licenses-empty"), FullPage = true });
    }

    /// <summary>What the catalog says the newest release's first file is: the license's default download.</summary>
    private async Task<ReleaseFile> NewestReleaseFileAsync(string slug)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var product = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Product>().AsNoTracking().SingleAsync(p => p.Slug == slug);
        return product.Options.Releases!.OrderByDescending(r => r.ReleasedOn).First().Files[0];
    }
}
