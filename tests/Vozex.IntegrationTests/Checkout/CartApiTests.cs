using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.IntegrationTests.Accounts;
using Vozex.Testing;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Checkout.Cart;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Platform.Data;
using static Vozex.IntegrationTests.Checkout.CartTestClient;

namespace Vozex.IntegrationTests.Checkout;

/// <summary>The cart API, run once per database provider against the seeded demo catalog.</summary>
public abstract class CartApiTests
{
    protected abstract VozexAppFactory App { get; }

    /// <summary>A browser of its own: keeps its cookies between requests, follows no redirects.</summary>
    private HttpClient NewVisitor() => App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    private async Task<string> NewCustomerTokenAsync()
    {
        var tokens = await App.CreateClient().SignUpAndLoginAsync(AccountsTestClient.NewEmail(), name: "Cart Tester");
        return tokens.AccessToken();
    }

    [Fact]
    public async Task A_visitor_adds_items_and_the_cart_prices_them_exactly_as_a_quote()
    {
        var visitor = NewVisitor();
        var saas = SaasItem("professional", "annual", features: ["kitchen_display", "guest_loyalty"]);
        var service = ServiceItem("standard", "rush");

        var added = await visitor.AddedAsync(saas);
        await visitor.AddedAsync(service);

        var quote = await visitor.QuoteAsync(saas, service);
        Assert.Equal(Saas, added.GetProperty("product_slug").GetString());
        Assert.Equal(quote.GetProperty("items")[0].Amount("total"), added.Amount("total"));

        var cart = await visitor.CartAsync();
        var items = cart.Items();
        Assert.Equal([Saas, Service], items.Select(i => i.GetProperty("product_slug").GetString()));
        Assert.Equal(added.Id(), items[0].Id());
        for (var i = 0; i < 2; i++)
        {
            var quoted = quote.GetProperty("items")[i];
            Assert.Equal(quoted.GetProperty("product_name").GetString(), items[i].GetProperty("product_name").GetString());
            Assert.Equal(quoted.GetProperty("lines").ToString(), items[i].GetProperty("lines").ToString());
            Assert.Equal(quoted.Amount("total"), items[i].Amount("total"));
            Assert.False(items[i].GetProperty("unavailable").GetBoolean());
        }
        Assert.Equal("annual", items[0].GetProperty("billing_cycle").GetString());
        Assert.Equal(quote.GetProperty("items")[0].Amount("next_renewal_amount"), items[0].Amount("next_renewal_amount"));
        Assert.Equal("saas", items[0].GetProperty("configuration").GetProperty("delivery_model").GetString());
        Assert.Equal(["kitchen_display", "guest_loyalty"], items[0].GetProperty("configuration").GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(quote.Amount("subtotal"), cart.Amount("subtotal"));
        Assert.Equal(quote.Amount("discount"), cart.Amount("discount"));
        Assert.Equal(quote.Amount("total"), cart.Amount("total"));
        Assert.True(cart.GetProperty("can_check_out").GetBoolean());
    }

    [Fact]
    public async Task The_cart_cookie_is_an_http_only_same_site_lax_random_token_of_which_only_the_hash_is_stored()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.AddAsync(SelfHostedItem());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var header = response.CartCookieHeader();
        Assert.NotNull(header);
        var attributes = header.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));
        var token = header.Split(";")[0][".vozex.cart=".Length..];
        Assert.Equal(43, token.Length);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var cart = await db.Set<ShoppingCart>().AsNoTracking().SingleAsync(c => c.TokenHash == hash);
        Assert.Null(cart.CustomerId);
        Assert.False(await db.Set<ShoppingCart>().AnyAsync(c => c.TokenHash == token));
    }

    [Fact]
    public async Task A_visitor_without_a_cart_sees_an_empty_one_and_gets_no_cookie()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.GetAsync("/api/v1/cart");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.CartCookieHeader());
        var cart = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(cart.Items());
        Assert.Equal(0, cart.Amount("total"));
        Assert.False(cart.GetProperty("can_check_out").GetBoolean());
    }

    [Fact]
    public async Task Changing_an_item_reprices_it_and_keeps_its_place()
    {
        var visitor = NewVisitor();
        var first = await visitor.AddedAsync(SaasItem("basic", "monthly"));
        await visitor.AddedAsync(SelfHostedItem());

        var better = SaasItem("enterprise", "annual", "rosies-bistro", features: ["online_ordering"]);
        var response = await visitor.ChangeAsync(first.Id(), better["configuration"]!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await response.Content.ReadFromJsonAsync<JsonElement>();
        var quoted = (await visitor.QuoteAsync(better)).GetProperty("items")[0];
        Assert.Equal(quoted.Amount("total"), changed.Amount("total"));
        Assert.NotEqual(first.Amount("total"), changed.Amount("total"));

        var items = (await visitor.CartAsync()).Items();
        Assert.Equal(first.Id(), items[0].Id());
        Assert.Equal("enterprise", items[0].GetProperty("configuration").GetProperty("plan").GetString());
        Assert.Equal("rosies-bistro", items[0].GetProperty("configuration").GetProperty("subdomain").GetString());
        Assert.Equal(quoted.Amount("total"), items[0].Amount("total"));
        Assert.Equal(SelfHosted, items[1].GetProperty("product_slug").GetString());
    }

    [Fact]
    public async Task Removing_an_item_leaves_the_others_and_clearing_empties_the_cart()
    {
        var visitor = NewVisitor();
        var first = await visitor.AddedAsync(SelfHostedItem());
        var second = await visitor.AddedAsync(ServiceItem());
        await visitor.AddedAsync(SaasItem());

        Assert.Equal(HttpStatusCode.NoContent, (await visitor.DeleteAsync($"/api/v1/cart/items/{first.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.DeleteAsync($"/api/v1/cart/items/{first.Id()}")).StatusCode);
        var items = (await visitor.CartAsync()).Items();
        Assert.Equal([second.Id(), items[1].Id()], items.Select(i => i.Id()));

        Assert.Equal(HttpStatusCode.NoContent, (await visitor.DeleteAsync("/api/v1/cart")).StatusCode);
        Assert.Empty((await visitor.CartAsync()).Items());
    }

    public static TheoryData<string, string> BadItems => new()
    {
        { """{"product_slug": "no-such-product", "configuration": {}}""", "product_slug" },
        { """{"configuration": {"plan": "basic", "billing_cycle": "monthly"}}""", "product_slug" },
        { $$$"""{"product_slug": "{{{Saas}}}"}""", "configuration" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "platinum", "billing_cycle": "monthly"}}""", "configuration.plan" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "basic", "billing_cycle": "weekly"}}""", "configuration.billing_cycle" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "basic", "billing_cycle": "monthly", "features": ["jetpack"]}}""", "configuration.features[0]" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "basic", "billing_cycle": "monthly", "subdomain": "admin"}}""", "configuration.subdomain" },
        { $$$"""{"product_slug": "{{{SelfHosted}}}", "configuration": {"license_type": "galactic", "support_plan": "basic", "updates": "1_year"}}""", "configuration.license_type" },
        { $$$"""{"product_slug": "{{{Service}}}", "configuration": {"package": "starter", "timeline": "rush"}}""", "configuration.requirements" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task An_invalid_item_is_a_400_naming_the_wrong_field_and_creates_nothing(string item, string key)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.PostAsync("/api/v1/cart/items", new StringContent(item, Encoding.UTF8, "application/json"));
        Assert.Equal([key], await response.ErrorKeysAsync());
        Assert.Null(response.CartCookieHeader());
    }

    [Fact]
    public async Task An_invalid_change_is_a_400_naming_the_field_and_leaves_the_item_as_it_was()
    {
        var visitor = NewVisitor();
        var item = await visitor.AddedAsync(SelfHostedItem("standard"));
        var response = await visitor.ChangeAsync(item.Id(), new JsonObject { ["license_type"] = "galactic", ["support_plan"] = "basic", ["updates"] = "1_year" });
        Assert.Equal(["configuration.license_type"], await response.ErrorKeysAsync());
        var stored = (await visitor.CartAsync()).Items().Single();
        Assert.Equal("standard", stored.GetProperty("configuration").GetProperty("license_type").GetString());
    }

    [Fact]
    public async Task Another_visitors_or_customers_item_is_not_found()
    {
        var owner = NewVisitor();
        var item = await owner.AddedAsync(SelfHostedItem());
        var stranger = NewVisitor();
        await stranger.AddedAsync(ServiceItem());
        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        customer.UseBearer(await NewCustomerTokenAsync());

        foreach (var other in new[] { stranger, customer })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.ChangeAsync(item.Id(), SelfHostedItem("professional")["configuration"]!)).StatusCode);
            var delete = await other.DeleteAsync($"/api/v1/cart/items/{item.Id()}");
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
            Assert.Equal("application/problem+json", delete.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync($"/api/v1/cart/items/{Guid.NewGuid()}")).StatusCode);

        var kept = (await owner.CartAsync()).Items().Single();
        Assert.Equal(item.Id(), kept.Id());
        Assert.Equal("standard", kept.GetProperty("configuration").GetProperty("license_type").GetString());
    }

    [Fact]
    public async Task A_cart_holds_at_most_twenty_items()
    {
        var visitor = NewVisitor();
        for (var i = 0; i < 20; i++) await visitor.AddedAsync(SelfHostedItem());
        var response = await visitor.AddAsync(SelfHostedItem());
        Assert.Equal(["items"], await response.ErrorKeysAsync());
        Assert.Equal(20, (await visitor.CartAsync()).GetProperty("item_count").GetInt32());
    }

    [Fact]
    public async Task Racing_adds_never_take_a_cart_past_twenty_items()
    {
        var visitor = NewVisitor();
        for (var i = 0; i < 17; i++) await visitor.AddedAsync(SelfHostedItem());

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => visitor.AddAsync(SelfHostedItem())));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        var items = (await visitor.CartAsync()).Items();
        Assert.Equal(20, items.Count);
        Assert.Equal(20, items.Select(i => i.GetProperty("position").GetInt32()).Distinct().Count());
    }

    [Fact]
    public async Task A_subdomain_taken_by_an_order_or_used_twice_in_the_cart_is_refused()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            db.Add(new SubdomainReservation { Subdomain = "claimed-diner", OrderId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var visitor = NewVisitor();
        Assert.Equal(["configuration.subdomain"], await (await visitor.AddAsync(SaasItem(subdomain: "claimed-diner"))).ErrorKeysAsync());

        var first = await visitor.AddedAsync(SaasItem("basic", "monthly", "fresh-diner"));
        Assert.Equal(["configuration.subdomain"], await (await visitor.AddAsync(SaasItem("professional", "annual", "fresh-diner"))).ErrorKeysAsync());
        var other = await visitor.AddedAsync(SaasItem("basic", "monthly", "other-diner"));
        Assert.Equal(["configuration.subdomain"], await (await visitor.ChangeAsync(other.Id(), SaasItem("basic", "monthly", "fresh-diner")["configuration"]!)).ErrorKeysAsync());
        Assert.Equal(HttpStatusCode.OK, (await visitor.ChangeAsync(first.Id(), SaasItem("enterprise", "monthly", "fresh-diner")["configuration"]!)).StatusCode);
    }

    [Fact]
    public async Task The_cart_is_repriced_from_the_catalog_every_time_it_is_read()
    {
        const string product = "quickserve-counter-pos";
        var visitor = NewVisitor();
        var added = await visitor.AddedAsync(SaasItem("basic", "monthly", product: product));

        await SetProduct(product, p => p.Configure(p.Type, p.Options with
        {
            PricingPlans = p.Options.PricingPlans!.Select(plan => plan.Id == "basic" ? plan with { MonthlyPrice = plan.MonthlyPrice + 1_000 } : plan).ToList(),
        }));

        var cart = await visitor.CartAsync();
        Assert.Equal(added.Amount("total") + 1_000, cart.Items().Single().Amount("total"));
        Assert.Equal(added.Amount("total") + 1_000, cart.Amount("total"));
    }

    [Fact]
    public async Task An_item_whose_product_is_no_longer_sold_is_flagged_and_left_out_of_the_totals()
    {
        const string product = "shelfwise-retail-pos";
        var visitor = NewVisitor();
        var gone = await visitor.AddedAsync(SaasItem("basic", "monthly", product: product));
        var kept = await visitor.AddedAsync(SelfHostedItem("professional", product: "pixelforge-studio"));

        await SetProduct(product, p => p.Status = ProductStatus.Archived);

        var cart = await visitor.CartAsync();
        var items = cart.Items();
        Assert.Equal([gone.Id(), kept.Id()], items.Select(i => i.Id()));
        Assert.True(items[0].GetProperty("unavailable").GetBoolean());
        Assert.Equal("ShelfWise Retail POS", items[0].GetProperty("product_name").GetString());
        Assert.True(items[0].GetProperty("errors").TryGetProperty("product_slug", out _));
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("total").ValueKind);
        Assert.False(items[1].GetProperty("unavailable").GetBoolean());
        Assert.Equal(kept.Amount("total"), cart.Amount("total"));
        Assert.False(cart.GetProperty("can_check_out").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await visitor.DeleteAsync($"/api/v1/cart/items/{gone.Id()}")).StatusCode);
        Assert.True((await visitor.CartAsync()).GetProperty("can_check_out").GetBoolean());
    }

    [Fact]
    public async Task A_visitors_cart_merges_into_the_customers_when_they_call_with_both_without_duplicates()
    {
        var token = await NewCustomerTokenAsync();
        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        customer.UseBearer(token);
        var own = await customer.AddedAsync(SelfHostedItem("professional"));
        Assert.Null((await customer.AddAsync(ServiceItem("starter"))).CartCookieHeader()); // customers get no cart cookie

        var visitor = NewVisitor();
        await visitor.AddedAsync(SelfHostedItem("professional")); // the same product and configuration: not duplicated
        var moved = await visitor.AddedAsync(SaasItem("basic", "monthly"));

        visitor.UseBearer(token);
        var response = await visitor.GetAsync("/api/v1/cart");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cleared = response.CartCookieHeader();
        Assert.NotNull(cleared);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);

        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).Items();
        Assert.Equal([own.Id(), items[1].Id(), moved.Id()], items.Select(i => i.Id()));
        Assert.Equal([SelfHosted, Service, Saas], items.Select(i => i.GetProperty("product_slug").GetString()));
        Assert.Equal(3, (await customer.CartAsync()).Items().Count);

        visitor.DefaultRequestHeaders.Authorization = null;
        Assert.Empty((await visitor.CartAsync()).Items()); // the cookie is gone: the browser is a fresh visitor again
    }

    [Fact]
    public async Task A_visitor_cart_becomes_the_customers_cart_when_they_have_none()
    {
        var visitor = NewVisitor();
        var item = await visitor.AddedAsync(ServiceItem());
        var token = await NewCustomerTokenAsync();
        visitor.UseBearer(token);

        var items = (await visitor.CartAsync()).Items();
        Assert.Equal([item.Id()], items.Select(i => i.Id()));

        var customer = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        customer.UseBearer(token);
        Assert.Equal([item.Id()], (await customer.CartAsync()).Items().Select(i => i.Id()));
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var cart = await db.Set<ShoppingCart>().AsNoTracking().SingleAsync(c => c.Items.Any(i => i.Id == Guid.Parse(item.Id())));
        Assert.NotNull(cart.CustomerId);
        Assert.Null(cart.TokenHash);
    }

    [Fact]
    public async Task Cart_writes_take_json_only_so_a_cross_site_form_cannot_post_one()
    {
        var visitor = NewVisitor();
        await visitor.AddedAsync(SelfHostedItem());
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["product_slug"] = SelfHosted, ["configuration"] = "{}" });
        var response = await visitor.PostAsync("/api/v1/cart/items", form);
        Assert.False(response.IsSuccessStatusCode); // the JSON endpoint does not even match a form post
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Single((await visitor.CartAsync()).Items());
    }

    [Fact]
    public async Task A_bearer_token_that_does_not_authenticate_is_a_401_not_a_visitor_cart()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.UseBearer("not-a-real-token");
        var response = await client.AddAsync(SelfHostedItem());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.CartCookieHeader());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_cart_endpoints()
    {
        var document = await App.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.Equal("Cart", paths.GetProperty("/api/v1/cart").GetProperty("get").GetProperty("tags")[0].GetString());
        Assert.True(paths.GetProperty("/api/v1/cart/items").GetProperty("post").GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(paths.GetProperty("/api/v1/cart/items/{id}").GetProperty("delete").GetProperty("responses").TryGetProperty("404", out _));
    }

    private async Task SetProduct(string slug, Action<Product> change)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var product = await db.Set<Product>().SingleAsync(p => p.Slug == slug);
        change(product);
        await db.SaveChangesAsync();
    }
}
