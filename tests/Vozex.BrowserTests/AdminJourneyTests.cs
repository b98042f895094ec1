using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using Vozex.Testing;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

/// <summary>An administrator at work in the console, in real Chromium against real Kestrel.</summary>
public sealed class AdminJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_creates_a_SaaS_product_with_a_plan_and_an_add_on_fixes_a_bad_price_and_the_storefront_shows_it()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=%2Fadmin");
        await new SignInPage(page).SignInAsync(VozexAppFactory.AdminEmail, VozexAppFactory.AdminPassword);
        await page.WaitForURLAsync("**/admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Today");

        var editor = await ProductEditorPage.OpenNewAsync(page, "🏪 Retail POS");
        await Expect(editor.Heading).ToHaveTextAsync("New Retail POS product");
        await editor.FillProductAsync("Counter Cloud", "A till for small shops, in the cloud.", "active");
        await editor.PlanName(0).FillAsync("Starter");
        await editor.PlanPrice(0).FillAsync("-5");
        await editor.PlanFeatures(0).FillAsync("Inventory tracking, Barcode scanning");
        await editor.PlanLimits(0).FillAsync("users=3");
        await editor.AddAddOnAsync();
        // What was typed before the row was added is still there.
        await Expect(editor.PlanName(0)).ToHaveValueAsync("Starter");
        await editor.AddOnName(0).FillAsync("Customer loyalty");
        await editor.AddOnPrice(0).FillAsync("9.00");

        await editor.SubmitAsync();
        await Expect(editor.PlanPriceError(0)).ToHaveTextAsync("Must not be negative.");
        await Expect(editor.FormErrors).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("admin-product-field-error"), FullPage = true });

        await editor.PlanPrice(0).FillAsync("29.00");
        await editor.SubmitAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/products/[0-9]+\\?saved=1$"));
        await Expect(editor.Saved).ToBeVisibleAsync();
        await Expect(editor.Status).ToHaveTextAsync("active");

        await page.GotoAsync("/products/counter-cloud");
        var product = new ProductPage(page);
        await Expect(product.Heading).ToHaveTextAsync("Counter Cloud");
        await Expect(page.Locator("main")).ToContainTextAsync("Starter");
        await Expect(page.Locator("main")).ToContainTextAsync("Customer loyalty");
        await Expect(page.Locator("main")).ToContainTextAsync("$29");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("admin-product-in-storefront"), FullPage = true });
    }
}
