using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.IntegrationTests.Accounts;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Platform.Data;
using static Vozex.IntegrationTests.Checkout.CartTestClient;

namespace Vozex.IntegrationTests.Checkout;

/// <summary>The cart page's checkout form, as a signed-in browser posts it.</summary>
public sealed partial class CartCheckoutTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private async Task<(HttpClient Browser, string Email)> SignedInBrowserAsync()
    {
        var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var email = AccountsTestClient.NewEmail();
        await app.Factory.CreateClient().RegisterAsync(email);
        var signedIn = await browser.SubmitFormAsync("/account/login", "login", [F("Input.Email", email), F("Input.Password", AccountsTestClient.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (browser, email);
    }

    private static async Task<HttpResponseMessage> PostCheckoutAsync(HttpClient browser, string html, string gateway = "sandbox") =>
        await browser.PostAsync("/cart", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
            ["_handler"] = "checkout",
            ["payment_gateway"] = gateway,
            ["idempotency_key"] = IdempotencyKey().Match(html).Groups[1].Value,
        }));

    [Fact]
    public async Task Checkout_is_refused_beside_an_item_that_can_no_longer_be_bought_and_places_nothing()
    {
        const string product = "fieldcrew-dispatch";
        var (browser, email) = await SignedInBrowserAsync();
        await browser.AddedAsync(SaasItem("basic", "monthly", product: product));
        await browser.AddedAsync(SelfHostedItem());

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            (await db.Set<Product>().SingleAsync(p => p.Slug == product)).Status = ProductStatus.Archived;
            await db.SaveChangesAsync();
        }

        var html = await browser.GetStringAsync("/cart");
        Assert.Matches("<button type=\"submit\" class=\"large\" disabled[^>]*>Check out</button>", html);
        var response = await PostCheckoutAsync(browser, html);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("We could not place your order.", page);
        Assert.Contains("Some items cannot be bought as they are", page);
        Assert.Contains("No product &#x27;fieldcrew-dispatch&#x27; is for sale.", page);

        await using var check = app.Factory.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Order>().AnyAsync(o => o.CustomerEmail == email));
    }

    [Fact]
    public async Task Checkout_sends_the_browser_to_the_gateway_empties_the_cart_and_a_double_submit_is_one_order()
    {
        var (browser, email) = await SignedInBrowserAsync();
        await browser.AddedAsync(SaasItem("professional", "annual", features: ["kitchen_display"]));
        await browser.AddedAsync(ServiceItem());
        var html = await browser.GetStringAsync("/cart");

        var first = await PostCheckoutAsync(browser, html);
        Assert.True(first.StatusCode == HttpStatusCode.Redirect, await first.Content.ReadAsStringAsync());
        Assert.StartsWith("/sandbox/checkout/", first.RedirectTarget());
        Assert.Empty((await browser.CartAsync()).Items());

        var again = await PostCheckoutAsync(browser, html); // the same form submitted twice: same key, same items
        Assert.True(again.StatusCode == HttpStatusCode.Redirect, $"{again.StatusCode}: {await again.Content.ReadAsStringAsync()}");
        Assert.Equal(first.RedirectTarget(), again.RedirectTarget());

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var orders = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Order>().Where(o => o.CustomerEmail == email).ToListAsync();
        Assert.Equal(2, Assert.Single(orders).Items.Count);
    }

    [GeneratedRegex("name=\"idempotency_key\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex IdempotencyKey();
}
