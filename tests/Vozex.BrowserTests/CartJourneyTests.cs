using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using Vozex.Web.Platform;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

public sealed class CartJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Product = "tablepoint-restaurant-pos";

    [Fact]
    public async Task The_configurator_total_follows_each_choice_and_always_equals_the_server_quote_then_the_cart_shows_it()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/products/{Product}");
        await new ProductPage(page).GetStarted.ClickAsync();
        await page.WaitForURLAsync($"**/products/{Product}/configure");
        var configurator = await new ConfiguratorPage(page).LiveAsync();
        await Expect(configurator.Heading).ToHaveTextAsync("Configure TablePoint Restaurant POS");

        var total = await TotalShownAsync(configurator, "basic", "monthly");

        await configurator.Plan("Professional").CheckAsync();
        total = await TotalChangesAsync(configurator, total, "professional", "monthly");

        await configurator.AddOn("Kitchen Display System").CheckAsync();
        total = await TotalChangesAsync(configurator, total, "professional", "monthly", "kitchen_display");

        await configurator.AddOn("Guest Loyalty").CheckAsync();
        total = await TotalChangesAsync(configurator, total, "professional", "monthly", "kitchen_display", "guest_loyalty");

        await Expect(configurator.BillingCycle("Annual")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("Save 20%"));
        await configurator.BillingCycle("Annual").CheckAsync();
        total = await TotalChangesAsync(configurator, total, "professional", "annual", "kitchen_display", "guest_loyalty");
        await Expect(configurator.Renewal).ToContainTextAsync($"Then {total} every 12 months");
        await Expect(configurator.PriceLines.Filter(new() { HasText = "Annual billing discount (20%)" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("configurator-saas"), FullPage = true });

        var cart = await configurator.AddToCartAsync();
        await Expect(cart.Heading).ToHaveTextAsync("Your cart");
        await Expect(cart.Items).ToHaveCountAsync(1);
        await Expect(cart.ItemTotal("TablePoint Restaurant POS")).ToHaveTextAsync(total);
        await Expect(cart.Total).ToHaveTextAsync(total);
        await Expect(cart.HeaderLink).ToHaveTextAsync("Cart (1)");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("cart"), FullPage = true });
    }

    [Fact]
    public async Task The_self_hosted_configurator_prices_license_support_and_updates()
    {
        var page = await fixture.NewPageAsync();
        var configurator = await new ConfiguratorPage(page).OpenAsync("vaultkeep-backup");
        await Expect(configurator.Total).ToHaveTextAsync(await ServerTotalAsync("vaultkeep-backup", new { license_type = "standard", support_plan = "basic", updates = "1_year" }));

        await page.GetByRole(AriaRole.Radio, new() { Name = "Professional", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Priority Support", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Lifetime updates", Exact = true }).CheckAsync();

        await Expect(configurator.Total).ToHaveTextAsync(await ServerTotalAsync("vaultkeep-backup", new { license_type = "professional", support_plan = "priority", updates = "lifetime" }));
        await Expect(configurator.PriceLines.Filter(new() { HasText = "Priority Support (first year)" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("configurator-self-hosted"), FullPage = true });
    }

    [Fact]
    public async Task A_subdomain_is_checked_as_it_is_typed()
    {
        var page = await fixture.NewPageAsync();
        var configurator = await new ConfiguratorPage(page).OpenAsync(Product);

        await configurator.Subdomain.FillAsync("admin");
        await Expect(configurator.SubdomainStatus).ToHaveTextAsync("'admin' is reserved.");
        await Expect(page.Locator("#subdomain-error")).ToHaveTextAsync("'admin' is reserved.");

        await configurator.Subdomain.FillAsync("harbour-grill");
        await Expect(configurator.SubdomainStatus).ToHaveTextAsync("harbour-grill.localhost is available.");
        await Expect(page.Locator("#subdomain-error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_configurator_can_be_used_with_the_keyboard_alone()
    {
        var page = await fixture.NewPageAsync();
        var configurator = await new ConfiguratorPage(page).OpenAsync(Product);
        var before = await configurator.Total.InnerTextAsync();

        await configurator.Plan("Basic").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(configurator.Plan("Professional")).ToBeCheckedAsync();
        await Expect(configurator.Total).Not.ToHaveTextAsync(before);

        await configurator.AddOn("Online Ordering").FocusAsync();
        var withPlan = await configurator.Total.InnerTextAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(configurator.AddOn("Online Ordering")).ToBeCheckedAsync();
        await Expect(configurator.Total).Not.ToHaveTextAsync(withPlan);
    }

    [Fact]
    public async Task Configurator_and_cart_fit_a_phone_screen()
    {
        var page = await fixture.NewPageAsync(390, 844);
        var configurator = await new ConfiguratorPage(page).OpenAsync("brandcraft-logo-identity");
        await page.GetByLabel("What do you need?").FillAsync("A logo and colours for a neighbourhood bakery.");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Rush", Exact = true }).CheckAsync();
        await Expect(configurator.PriceLines.Filter(new() { HasText = "Rush timeline (+50%)" })).ToHaveCountAsync(1);
        Assert.True(await FitsWidthAsync(page), "the configure page scrolls sideways at 390 px");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("configurator-service-phone"), FullPage = true });

        var cart = await configurator.AddToCartAsync();
        await Expect(cart.Items).ToHaveCountAsync(1);
        Assert.True(await FitsWidthAsync(page), "the cart page scrolls sideways at 390 px");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("cart-phone"), FullPage = true });

        await cart.RemoveAsync("BrandCraft Logo & Identity");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your cart is empty" })).ToBeVisibleAsync();
    }

    /// <summary>Waits for the total the server quoted for these choices, and returns it as shown.</summary>
    private async Task<string> TotalShownAsync(ConfiguratorPage configurator, string plan, string cycle, params string[] addOns)
    {
        var expected = await ServerTotalAsync(plan, cycle, addOns);
        await Expect(configurator.Total).ToHaveTextAsync(expected);
        return expected;
    }

    private async Task<string> TotalChangesAsync(ConfiguratorPage configurator, string previous, string plan, string cycle, params string[] addOns)
    {
        var expected = await TotalShownAsync(configurator, plan, cycle, addOns);
        Assert.NotEqual(previous, expected);
        return expected;
    }

    private Task<string> ServerTotalAsync(string plan, string cycle, string[] addOns) =>
        ServerTotalAsync(Product, new { plan, billing_cycle = cycle, features = addOns });

    private async Task<string> ServerTotalAsync(string product, object configuration)
    {
        using var client = new HttpClient { BaseAddress = fixture.BaseUrl };
        var response = await client.PostAsJsonAsync("/api/v1/quotes", new
        {
            items = new[] { new { product_slug = product, configuration } },
        });
        response.EnsureSuccessStatusCode();
        var quote = await response.Content.ReadFromJsonAsync<JsonElement>();
        var total = quote.GetProperty("total");
        return new Money(total.GetProperty("amount").GetInt64(), total.GetProperty("currency").GetString()!).Display();
    }

    private static async Task<bool> FitsWidthAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
}
