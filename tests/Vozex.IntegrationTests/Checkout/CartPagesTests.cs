using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Vozex.IntegrationTests.Accounts;
using Vozex.Web.Platform;
using static Vozex.IntegrationTests.Checkout.CartTestClient;

namespace Vozex.IntegrationTests.Checkout;

/// <summary>The configure and cart pages over plain HTTP, as a browser posts their forms (the live island aside).</summary>
public sealed class CartPagesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private HttpClient NewBrowser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private const string ConfigureSaas = $"/products/{Saas}/configure";

    [Fact]
    public async Task The_product_page_get_started_link_opens_the_configurator()
    {
        var html = await NewBrowser().GetStringAsync($"/products/{Saas}");
        Assert.Contains($"href=\"{ConfigureSaas}\" id=\"get-started\"", html);
        Assert.Contains($"href=\"{ConfigureSaas}?plan=professional\"", html);
    }

    [Fact]
    public async Task The_configurator_renders_the_options_with_a_server_quote_before_any_script_runs()
    {
        var browser = NewBrowser();
        var html = await browser.GetStringAsync($"{ConfigureSaas}?plan=professional");

        Assert.Contains("<legend>Plan</legend>", html);
        Assert.Matches("<input type=\"radio\" name=\"plan\" value=\"professional\" checked", html);
        Assert.Matches("<input type=\"radio\" name=\"billing_cycle\" value=\"monthly\" checked", html);
        Assert.Contains("Save 20%", html);
        var quote = await browser.QuoteAsync(SaasItem("professional", "monthly"));
        Assert.Contains($"id=\"quote-total\" aria-live=\"polite\" aria-atomic=\"true\">{Money(quote.Amount("total"))}<", html);
        Assert.Contains("<!--Blazor:", html); // the island is prerendered and marked for the interactive circuit
    }

    [Theory]
    [InlineData(SelfHosted, "license_type")]
    [InlineData(Service, "package")]
    public async Task Each_delivery_model_has_its_own_configurator(string slug, string firstChoice)
    {
        var html = await NewBrowser().GetStringAsync($"/products/{slug}/configure");
        Assert.Matches($"<input type=\"radio\" name=\"{firstChoice}\" value=\"[^\"]+\" checked", html);
        if (slug == Service)
        {
            Assert.Contains("<textarea id=\"requirements\" name=\"requirements\"", html);
            Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "Estimated delivery [A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4}").Count);
        }
    }

    [Fact]
    public async Task An_unknown_product_has_no_configurator()
    {
        var response = await NewBrowser().GetAsync("/products/no-such-product/configure");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Adding_from_the_configurator_puts_the_item_in_the_cart_and_shows_the_cart()
    {
        var browser = NewBrowser();
        var response = await browser.SubmitFormAsync(ConfigureSaas, "configure",
        [
            F("plan", "professional"), F("features", "kitchen_display"), F("features", "guest_loyalty"),
            F("billing_cycle", "annual"), F("subdomain", "Corner-Bistro"), F("custom_domain", ""), F("intent", "add"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cart", response.RedirectTarget());

        var item = (await browser.CartAsync()).Items().Single();
        var configuration = item.GetProperty("configuration");
        Assert.Equal(["kitchen_display", "guest_loyalty"], configuration.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("corner-bistro", configuration.GetProperty("subdomain").GetString());
        Assert.Equal(JsonValueKind.Null, configuration.GetProperty("custom_domain").ValueKind);

        var cart = await browser.GetStringAsync("/cart");
        Assert.Contains("TablePoint Restaurant POS", cart);
        Assert.Contains($"id=\"cart-total\">{Money(item.Amount("total"))}<", cart);
        Assert.Contains("corner-bistro", cart);
        Assert.Contains("Sign in to check out", cart);
        Assert.Contains("aria-label=\"Cart, 1 item\"", cart);
    }

    [Fact]
    public async Task A_refused_configuration_comes_back_with_the_error_beside_the_field_and_the_choices_kept()
    {
        var browser = NewBrowser();
        var response = await browser.SubmitFormAsync($"/products/{Service}/configure", "configure",
            [F("package", "premium"), F("requirements", "   "), F("timeline", "rush"), F("intent", "add")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("id=\"requirements-error\"[^>]*>Required: describe what you need", html);
        Assert.Matches("<input type=\"radio\" name=\"package\" value=\"premium\" checked", html);
        Assert.Matches("<input type=\"radio\" name=\"timeline\" value=\"rush\" checked", html);
        Assert.Empty((await browser.CartAsync()).Items());
    }

    [Fact]
    public async Task Buy_now_sends_a_visitor_to_sign_in_and_back_to_the_cart_which_comes_along()
    {
        var browser = NewBrowser();
        var response = await browser.SubmitFormAsync($"/products/{SelfHosted}/configure", "configure",
            [F("license_type", "professional"), F("support_plan", "priority"), F("updates", "lifetime"), F("intent", "buy")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?returnUrl=%2Fcart", response.RedirectTarget());

        var email = AccountsTestClient.NewEmail();
        await app.Factory.CreateClient().RegisterAsync(email);
        var signedIn = await browser.SubmitFormAsync("/account/login?returnUrl=%2Fcart", "login",
            [F("Input.Email", email), F("Input.Password", AccountsTestClient.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/cart", signedIn.RedirectTarget());

        var cartPage = await browser.GetAsync("/cart");
        Assert.Contains(".vozex.cart=;", cartPage.CartCookieHeader()); // merged on the first touch, then cleared
        var html = await cartPage.Content.ReadAsStringAsync();
        Assert.Contains("VaultKeep Backup", html);
        Assert.Contains("<legend>Payment method</legend>", html);
        Assert.Matches("name=\"payment_gateway\" value=\"sandbox\" checked", html);
        Assert.Matches("<input type=\"hidden\" name=\"idempotency_key\" value=\"[0-9a-f]{32}\"", html);

        var customer = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        customer.UseBearer((await app.Factory.CreateClient().LoginOkAsync(email)).AccessToken());
        var items = (await customer.CartAsync()).Items();
        Assert.Equal("lifetime", items.Single().GetProperty("configuration").GetProperty("updates").GetString());
    }

    [Fact]
    public async Task The_change_link_edits_the_item_in_place()
    {
        var browser = NewBrowser();
        var item = await browser.AddedAsync(SaasItem("basic", "monthly", "lakeside-cafe", features: ["tip_pooling"]));
        var url = $"{ConfigureSaas}?item={item.Id()}";

        var html = await browser.GetStringAsync(url);
        Assert.Contains("<h1>Change TablePoint Restaurant POS</h1>", html);
        Assert.Matches("<input type=\"radio\" name=\"plan\" value=\"basic\" checked", html);
        Assert.Matches("name=\"features\" value=\"tip_pooling\" checked", html);
        Assert.Contains("value=\"lakeside-cafe\"", html);

        var response = await browser.SubmitFormAsync(url, "configure",
            [F("item", item.Id()), F("plan", "enterprise"), F("billing_cycle", "quarterly"), F("subdomain", "lakeside-cafe"), F("intent", "update")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var stored = (await browser.CartAsync()).Items().Single();
        Assert.Equal(item.Id(), stored.Id());
        Assert.Equal("enterprise", stored.GetProperty("configuration").GetProperty("plan").GetString());
        Assert.Empty(stored.GetProperty("configuration").GetProperty("features").EnumerateArray());
    }

    [Fact]
    public async Task The_cart_page_removes_an_item_and_shows_the_empty_state()
    {
        var browser = NewBrowser();
        Assert.Contains("Your cart is empty", await browser.GetStringAsync("/cart"));
        var item = await browser.AddedAsync(ServiceItem());

        var html = await browser.GetStringAsync("/cart");
        Assert.Contains("BrandCraft Logo &amp; Identity", html);
        Assert.Contains($"href=\"/products/{Service}/configure?item={item.Id()}\"", html);

        var response = await browser.SubmitFormAsync("/cart", $"remove-{Guid.Parse(item.Id()):N}", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Your cart is empty", await browser.GetStringAsync("/cart"));
    }

    [Fact]
    public async Task Checking_out_needs_an_account()
    {
        var browser = NewBrowser();
        await browser.AddedAsync(SelfHostedItem());
        var html = await browser.GetStringAsync("/cart");
        Assert.DoesNotContain("name=\"payment_gateway\"", html);
        Assert.Contains("Sign in to check out", html);

        var response = await browser.PostAsync("/cart", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
            ["_handler"] = "checkout",
            ["payment_gateway"] = "sandbox",
            ["idempotency_key"] = Guid.NewGuid().ToString("N"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?returnUrl=%2Fcart", response.RedirectTarget());
    }

    [Fact]
    public async Task Page_forms_without_an_antiforgery_token_are_refused()
    {
        var browser = NewBrowser();
        var response = await browser.PostAsync(ConfigureSaas, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "configure",
            ["plan"] = "basic",
            ["billing_cycle"] = "monthly",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await browser.CartAsync()).Items());
    }

    private static string Money(long amount) => new Money(amount, "USD").Display();
}
