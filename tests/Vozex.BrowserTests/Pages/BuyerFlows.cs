using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Vozex.BrowserTests.Pages;

/// <summary>Steps a new visitor takes to fill a cart and sign up on the way, shared by the dashboard journeys.</summary>
public static class BuyerFlows
{
    public const string SaasName = "HarborStay Hotel PMS";
    public const string SelfHostedName = "SentinelScan";
    public const string ServiceName = "BrandCraft Logo & Identity";

    /// <summary>Configures the SaaS product, signs up from the cart, then adds the self-hosted and the service product: a cart of all three kinds.</summary>
    public static async Task<CartPage> MixedCartAsync(IPage page, string customerName)
    {
        var saas = await new ConfiguratorPage(page).OpenAsync("harborstay-hotel-pms");
        await saas.Plan("Professional").CheckAsync();
        await saas.BillingCycle("Annual").CheckAsync();
        await saas.AddToCartAsync();
        await SignUpFromCartAsync(page, customerName);

        await new ConfiguratorPage(page).OpenAsync("sentinelscan");
        await new ConfiguratorPage(page).AddToCartAsync();
        await ServiceToCartAsync(page);
        var cart = new CartPage(page);
        await Microsoft.Playwright.Assertions.Expect(cart.Items).ToHaveCountAsync(3);
        return cart;
    }

    public static async Task ServiceToCartAsync(IPage page)
    {
        await new ConfiguratorPage(page).OpenAsync("brandcraft-logo-identity");
        await page.GetByRole(AriaRole.Group, new() { Name = "Package" }).GetByRole(AriaRole.Radio, new() { Name = "Brand Identity" }).CheckAsync();
        await page.GetByLabel("What do you need?").FillAsync("A logo for a bakery called Crumb: warm, round, friendly.");
        await page.GetByRole(AriaRole.Group, new() { Name = "Timeline" }).GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Standard") }).CheckAsync();
        await new ConfiguratorPage(page).AddToCartAsync();
    }

    public static async Task SignUpFromCartAsync(IPage page, string customerName)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New here? Create an account" }).ClickAsync();
        var signUp = new SignUpPage(page);
        await signUp.FillAsync(customerName, $"buyer-{Guid.NewGuid():N}@example.com", "correct-horse-42");
        await signUp.SubmitAsync();
        await page.WaitForURLAsync("**/cart");
    }

    /// <summary>Checks out on the sandbox gateway and presses Pay or Decline on its hosted page; returns on the order page.</summary>
    public static async Task CheckOutOnSandboxAsync(IPage page, bool pay)
    {
        await page.Locator("input[name=payment_gateway][value=sandbox]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await page.WaitForURLAsync("**/sandbox/checkout/*");
        if (pay) await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pay ") }).ClickAsync();
        else await page.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/orders/[0-9a-f-]{36}$"));
    }

    public static Guid OrderIdOf(IPage page) => Guid.Parse(new Uri(page.Url).Segments[^1]);

    public static async Task<string> OrderNumberAsync(IPage page) =>
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Replace("Order ", "", StringComparison.Ordinal).Trim();

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath(name), FullPage = true });
}
