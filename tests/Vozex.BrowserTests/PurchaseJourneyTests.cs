using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

/// <summary>The whole purchase path as a new visitor walks it, through the sandbox gateway's hosted page.</summary>
public sealed class PurchaseJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_configures_a_saas_product_signs_up_pays_on_the_sandbox_and_sees_the_order_paid()
    {
        var page = await fixture.NewPageAsync();
        var configurator = await new ConfiguratorPage(page).OpenAsync("harborstay-hotel-pms");
        var before = await configurator.Total.InnerTextAsync();

        await configurator.Plan("Professional").CheckAsync();
        await Expect(configurator.Total).Not.ToHaveTextAsync(before);
        var withPlan = await configurator.Total.InnerTextAsync();
        await configurator.AddOn("Revenue Management").CheckAsync();
        await Expect(configurator.Total).Not.ToHaveTextAsync(withPlan);
        var withAddOn = await configurator.Total.InnerTextAsync();
        await configurator.AddOn("Guest Messaging").CheckAsync();
        await Expect(configurator.Total).Not.ToHaveTextAsync(withAddOn);
        var monthly = await configurator.Total.InnerTextAsync();
        await configurator.BillingCycle("Annual").CheckAsync();
        await Expect(configurator.Total).Not.ToHaveTextAsync(monthly);
        var annual = await configurator.Total.InnerTextAsync();

        var cart = await configurator.AddToCartAsync();
        await Expect(cart.Total).ToHaveTextAsync(annual);

        await page.GetByRole(AriaRole.Link, new() { Name = "New here? Create an account" }).ClickAsync();
        var signUp = new SignUpPage(page);
        await signUp.FillAsync("Crumb Hotels", $"buyer-{Guid.NewGuid():N}@example.com", "correct-horse-42");
        await signUp.SubmitAsync();
        await page.WaitForURLAsync("**/cart");
        await Expect(cart.Total).ToHaveTextAsync(annual);

        await page.Locator("input[name=payment_gateway][value=sandbox]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await page.WaitForURLAsync("**/sandbox/checkout/*");
        await Expect(page.Locator("#sandbox-total")).ToHaveTextAsync(annual);

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pay ") }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/orders/[0-9a-f-]{36}$"));
        // The SaaS tenant may be provisioned before the page looks: paid, or already fulfilled ("Everything is ready").
        await Expect(page.Locator("#order-status")).ToHaveAttributeAsync("data-status", new Regex("^(paid|fulfilled)$"), new() { Timeout = 20_000 });
        await Expect(page.Locator("#order-status")).ToContainTextAsync(new Regex("Paid|Everything is ready"));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("order-paid"), FullPage = true });
    }
}
