using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Vozex.BrowserTests.Pages;
using Vozex.Testing;
using Vozex.Web.Modules.Accounts.Domain;
using Vozex.Web.Platform.Security;
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

    [Fact]
    public async Task An_admin_turns_on_two_factor_sign_in_and_then_signs_in_with_a_generated_code()
    {
        var email = $"second-admin-{Guid.NewGuid():N}@example.com";
        const string password = "correct-horse-42";
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VozexUser>>();
            var user = new VozexUser { Email = email, UserName = email, Name = "Grace Admin", CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
        }

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=%2Fadmin%2Fsecurity");
        await new SignInPage(page).SignInAsync(email, password);
        await page.WaitForURLAsync("**/admin/security");
        await Expect(page.Locator("#two-factor-off")).ToBeVisibleAsync();
        await Expect(page.Locator("#qr-code")).ToBeVisibleAsync();
        var key = await page.Locator("#shared-key").GetAttributeAsync("data-key");
        var totp = new Totp(Base32Encoding.ToBytes(key!));

        await page.GetByLabel("Code").FillAsync(totp.ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Expect(page.Locator("#two-factor-on")).ToBeVisibleAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("admin-two-factor-on"), FullPage = true });

        await new SiteHeader(page).SignOutAsync();
        await page.GotoAsync("/account/login?returnUrl=%2Fadmin");
        await new SignInPage(page).SignInAsync(email, password);
        await page.WaitForURLAsync("**/account/login-2fa*");
        // A code outside every window Identity accepts (±90 s), so the refusal cannot be luck.
        var near = new[] { -90, -60, -30, 0, 30, 60, 90 }.Select(s => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(s))).ToHashSet();
        await page.GetByLabel("Code").FillAsync(Enumerable.Range(0, 1000).Select(i => i.ToString("D6")).First(c => !near.Contains(c)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.Locator(".form-error")).ToContainTextAsync("The code is not valid");
        // Each code works once and the enrolment used the current one: the next step's is accepted (up to two steps ahead).
        await page.GetByLabel("Code").FillAsync(totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Today");
    }
}
