using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.Testing;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.Checkout;

/// <summary>The quote API contract, run once per database provider against the seeded demo catalog.</summary>
public abstract class QuoteApiTests
{
    private const string Saas = "tablepoint-restaurant-pos";
    private const string SelfHosted = "vaultkeep-backup";
    private const string Service = "brandcraft-logo-identity";

    protected abstract VozexAppFactory App { get; }

    private HttpClient Client => App.CreateClient();

    private static JsonObject SaasItem(string plan = "professional", string cycle = "annual", params string[] features) => new()
    {
        ["product_slug"] = Saas,
        ["configuration"] = new JsonObject
        {
            ["plan"] = plan,
            ["features"] = new JsonArray(features.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
            ["billing_cycle"] = cycle,
        },
    };

    private static JsonObject SelfHostedItem(string license = "professional", string support = "priority", string updates = "lifetime") => new()
    {
        ["product_slug"] = SelfHosted,
        ["configuration"] = new JsonObject { ["license_type"] = license, ["support_plan"] = support, ["updates"] = updates },
    };

    private static JsonObject ServiceItem(string package = "standard", string timeline = "expedited") => new()
    {
        ["product_slug"] = Service,
        ["configuration"] = new JsonObject { ["package"] = package, ["requirements"] = "A logo and colours for a bakery.", ["timeline"] = timeline },
    };

    private static JsonObject Body(params JsonNode[] items) => new() { ["items"] = new JsonArray(items) };

    private async Task<JsonElement> Product(string slug)
    {
        var response = await Client.GetAsync($"/api/v1/products/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> Quote(JsonNode body)
    {
        var response = await Client.PostAsync("/api/v1/quotes", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> Problem(string body)
    {
        var response = await Client.PostAsync("/api/v1/quotes", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private static List<string> ErrorKeys(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();

    private static long Amount(JsonElement money) => money.GetProperty("amount").GetInt64();

    private static long Price(JsonElement product, string set, string id, string field) =>
        Amount(product.GetProperty(set).EnumerateArray().Single(o => o.GetProperty("id").GetString() == id).GetProperty(field));

    private static void AssertLinesAddUp(JsonElement item)
    {
        var lines = item.GetProperty("lines").EnumerateArray().ToList();
        Assert.All(lines, l => Assert.Equal("USD", l.GetProperty("amount").GetProperty("currency").GetString()));
        Assert.Equal(lines.Sum(l => Amount(l.GetProperty("amount"))), Amount(item.GetProperty("subtotal")));
        Assert.Equal(Amount(item.GetProperty("subtotal")) - Amount(item.GetProperty("discount")), Amount(item.GetProperty("total")));
    }

    [Fact]
    public async Task Saas_annual_quote_charges_twelve_months_of_plan_and_add_ons_less_the_annual_discount()
    {
        var product = await Product(Saas);
        var addOns = product.GetProperty("available_features").EnumerateArray().Take(2).Select(f => f.GetProperty("id").GetString()!).ToArray();
        var perMonth = Amount(product.GetProperty("base_price")) + Price(product, "pricing_plans", "professional", "monthly_price")
            + addOns.Sum(id => Price(product, "available_features", id, "monthly_price"));
        var annualDiscount = product.GetProperty("billing_cycles").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "annual").GetProperty("discount_percent").GetInt32();
        Assert.True(annualDiscount > 0);

        var quote = await Quote(Body(SaasItem("professional", "annual", addOns)));

        var item = quote.GetProperty("items")[0];
        var subtotal = perMonth * 12;
        var discount = (long)Math.Round(subtotal * annualDiscount / 100m, MidpointRounding.AwayFromZero);
        Assert.Equal(Saas, item.GetProperty("product_slug").GetString());
        Assert.Equal(product.GetProperty("name").GetString(), item.GetProperty("product_name").GetString());
        Assert.Equal(product.GetProperty("id").GetInt64(), item.GetProperty("product_id").GetInt64());
        Assert.Equal("pos_restaurant", item.GetProperty("product_type").GetString());
        Assert.Equal("saas", item.GetProperty("delivery_model").GetString());
        Assert.Contains("Professional plan × 12 months", item.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("label").GetString()));
        Assert.Equal((Amount(product.GetProperty("base_price")) == 0 ? 0 : 1) + 1 + 2, item.GetProperty("lines").GetArrayLength());
        Assert.Equal(subtotal, Amount(item.GetProperty("subtotal")));
        Assert.Equal(discount, Amount(item.GetProperty("discount")));
        Assert.Equal(subtotal - discount, Amount(item.GetProperty("total")));
        Assert.Equal("annual", item.GetProperty("billing_cycle").GetString());
        Assert.Equal(12, item.GetProperty("billing_cycle_months").GetInt32());
        Assert.True(item.GetProperty("recurring").GetBoolean());
        Assert.Equal(subtotal - discount, Amount(item.GetProperty("next_renewal_amount")));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("estimated_completion").ValueKind);
        AssertLinesAddUp(item);

        var configuration = item.GetProperty("configuration");
        Assert.Equal("saas", configuration.GetProperty("delivery_model").GetString());
        Assert.Equal("professional", configuration.GetProperty("plan").GetString());
        Assert.Equal(addOns, configuration.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("annual", configuration.GetProperty("billing_cycle").GetString());
        Assert.Equal(JsonValueKind.Null, configuration.GetProperty("subdomain").ValueKind);

        Assert.Equal(subtotal - discount, Amount(quote.GetProperty("total")));
        Assert.Equal(discount, Amount(quote.GetProperty("discount")));
        Assert.Equal("USD", quote.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Saas_monthly_quote_has_no_discount_and_keeps_a_valid_subdomain()
    {
        var body = Body(SaasItem("basic", "monthly"));
        body["items"]![0]!["configuration"]!["subdomain"] = "rosies-diner";
        body["items"]![0]!["configuration"]!["custom_domain"] = "Order.Rosies-Diner.com";

        var item = (await Quote(body)).GetProperty("items")[0];

        var product = await Product(Saas);
        Assert.Equal(Amount(product.GetProperty("base_price")) + Price(product, "pricing_plans", "basic", "monthly_price"), Amount(item.GetProperty("total")));
        Assert.Equal(0, Amount(item.GetProperty("discount")));
        Assert.Equal("rosies-diner", item.GetProperty("configuration").GetProperty("subdomain").GetString());
        Assert.Equal("order.rosies-diner.com", item.GetProperty("configuration").GetProperty("custom_domain").GetString());
    }

    [Fact]
    public async Task Self_hosted_quote_adds_license_first_year_of_support_and_the_update_option_once()
    {
        var product = await Product(SelfHosted);

        var item = (await Quote(Body(SelfHostedItem("professional", "priority", "lifetime")))).GetProperty("items")[0];

        var expected = Amount(product.GetProperty("base_price")) + Price(product, "license_types", "professional", "price")
            + Price(product, "support_plans", "priority", "price_per_year") + Price(product, "update_options", "lifetime", "surcharge");
        Assert.Equal(expected, Amount(item.GetProperty("total")));
        Assert.Equal("self_hosted", item.GetProperty("delivery_model").GetString());
        Assert.False(item.GetProperty("recurring").GetBoolean());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("billing_cycle").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("next_renewal_amount").ValueKind);
        Assert.Contains("Priority Support (first year)", item.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("label").GetString()));
        Assert.Equal("lifetime", item.GetProperty("configuration").GetProperty("updates").GetString());
        AssertLinesAddUp(item);
    }

    [Fact]
    public async Task Service_quote_scales_by_the_timeline_and_estimates_completion_from_now()
    {
        var product = await Product(Service);
        var package = product.GetProperty("service_packages").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "standard");
        var expedited = product.GetProperty("timelines").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "expedited");
        var before = DateTimeOffset.UtcNow;

        var item = (await Quote(Body(ServiceItem("standard", "expedited")))).GetProperty("items")[0];

        var after = DateTimeOffset.UtcNow;
        var unscaled = Amount(product.GetProperty("base_price")) + Amount(package.GetProperty("price"));
        var expected = (long)Math.Round(unscaled * expedited.GetProperty("price_factor_percent").GetInt32() / 100m, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, Amount(item.GetProperty("total")));
        Assert.Contains("Expedited timeline (+25%)", item.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("label").GetString()));
        AssertLinesAddUp(item);

        var hours = package.GetProperty("duration_days").GetInt32() * 24 * expedited.GetProperty("duration_factor_percent").GetInt32() / 100;
        Assert.Equal(hours, item.GetProperty("estimated_duration_hours").GetInt64());
        var completion = item.GetProperty("estimated_completion").GetDateTimeOffset();
        Assert.InRange(completion, before.AddHours(hours).AddSeconds(-1), after.AddHours(hours).AddSeconds(1));
        Assert.Equal("A logo and colours for a bakery.", item.GetProperty("configuration").GetProperty("requirements").GetString());
        Assert.False(item.GetProperty("recurring").GetBoolean());
    }

    [Fact]
    public async Task A_cart_of_mixed_types_is_one_quote_whose_totals_are_the_sums_of_its_items()
    {
        var quote = await Quote(Body(SaasItem("enterprise", "quarterly", "guest_loyalty"), SelfHostedItem("standard", "basic", "1_year"), ServiceItem("premium", "rush")));

        var items = quote.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([Saas, SelfHosted, Service], items.Select(i => i.GetProperty("product_slug").GetString()));
        Assert.Equal(["saas", "self_hosted", "service"], items.Select(i => i.GetProperty("delivery_model").GetString()));
        Assert.All(items, AssertLinesAddUp);
        Assert.Equal(items.Sum(i => Amount(i.GetProperty("subtotal"))), Amount(quote.GetProperty("subtotal")));
        Assert.Equal(items.Sum(i => Amount(i.GetProperty("discount"))), Amount(quote.GetProperty("discount")));
        Assert.Equal(items.Sum(i => Amount(i.GetProperty("total"))), Amount(quote.GetProperty("total")));
        Assert.Equal(Amount(quote.GetProperty("subtotal")) - Amount(quote.GetProperty("discount")), Amount(quote.GetProperty("total")));
        Assert.Equal("USD", quote.GetProperty("total").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Totals_and_prices_sent_by_the_client_are_ignored()
    {
        var honest = await Quote(Body(SaasItem("professional", "monthly", "kitchen_display"), ServiceItem()));

        var forged = Body(SaasItem("professional", "monthly", "kitchen_display"), ServiceItem());
        forged["total"] = new JsonObject { ["amount"] = 1, ["currency"] = "USD" };
        forged["subtotal"] = 1;
        forged["items"]![0]!["total"] = 1;
        forged["items"]![0]!["lines"] = new JsonArray(new JsonObject { ["label"] = "Everything", ["amount"] = 1 });
        forged["items"]![0]!["configuration"]!["total"] = 1;
        forged["items"]![0]!["configuration"]!["monthly_price"] = 1;
        forged["items"]![1]!["configuration"]!["price"] = 1;
        var quote = await Quote(forged);

        Assert.Equal(Amount(honest.GetProperty("total")), Amount(quote.GetProperty("total")));
        Assert.True(Amount(quote.GetProperty("total")) > 1);
        Assert.Equal(honest.GetProperty("items")[0].GetProperty("lines").ToString(), quote.GetProperty("items")[0].GetProperty("lines").ToString());
    }

    public static TheoryData<string, string> BadItems => new()
    {
        { "null", "items[0]" },
        { """{"product_slug": "no-such-product", "configuration": {}}""", "items[0].product_slug" },
        { """{"configuration": {"plan": "basic", "billing_cycle": "monthly"}}""", "items[0].product_slug" },
        { """{"product_slug": "", "configuration": {}}""", "items[0].product_slug" },
        { $$$"""{"product_slug": "{{{Saas}}}"}""", "items[0].configuration" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": "basic"}""", "items[0].configuration" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "platinum", "billing_cycle": "monthly"}}""", "items[0].configuration.plan" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"billing_cycle": "monthly"}}""", "items[0].configuration.plan" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": 3, "billing_cycle": "monthly"}}""", "items[0].configuration.plan" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "basic", "billing_cycle": "weekly"}}""", "items[0].configuration.billing_cycle" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "basic", "billing_cycle": "monthly", "features": ["jetpack"]}}""", "items[0].configuration.features[0]" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "basic", "billing_cycle": "monthly", "features": ["qr_menu"]}}""", "items[0].configuration.features[0]" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "basic", "billing_cycle": "monthly", "features": ["guest_loyalty", "guest_loyalty"]}}""", "items[0].configuration.features[1]" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "basic", "billing_cycle": "monthly", "subdomain": "admin"}}""", "items[0].configuration.subdomain" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "basic", "billing_cycle": "monthly", "subdomain": "Rosies"}}""", "items[0].configuration.subdomain" },
        { $$$"""{"product_slug": "{{{Saas}}}", "configuration": {"plan": "basic", "billing_cycle": "monthly", "custom_domain": "rosies"}}""", "items[0].configuration.custom_domain" },
        { $$$"""{"product_slug": "{{{SelfHosted}}}", "configuration": {"license_type": "galactic", "support_plan": "basic", "updates": "1_year"}}""", "items[0].configuration.license_type" },
        { $$$"""{"product_slug": "{{{SelfHosted}}}", "configuration": {"license_type": "standard", "support_plan": "gold", "updates": "1_year"}}""", "items[0].configuration.support_plan" },
        { $$$"""{"product_slug": "{{{SelfHosted}}}", "configuration": {"license_type": "standard", "support_plan": "basic", "updates": "forever"}}""", "items[0].configuration.updates" },
        { $$$"""{"product_slug": "{{{SelfHosted}}}", "configuration": {"plan": "basic", "billing_cycle": "monthly", "license_type": "standard", "support_plan": "basic"}}""", "items[0].configuration.updates" },
        { $$$"""{"product_slug": "{{{Service}}}", "configuration": {"package": "mega", "requirements": "x", "timeline": "standard"}}""", "items[0].configuration.package" },
        { $$$"""{"product_slug": "{{{Service}}}", "configuration": {"package": "starter", "requirements": "x", "timeline": "yesterday"}}""", "items[0].configuration.timeline" },
        { $$$"""{"product_slug": "{{{Service}}}", "configuration": {"package": "starter", "timeline": "rush"}}""", "items[0].configuration.requirements" },
        { $$$"""{"product_slug": "{{{Service}}}", "configuration": {"package": "starter", "requirements": "{{{new string('x', 5_001)}}}", "timeline": "rush"}}""", "items[0].configuration.requirements" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task Each_bad_item_is_a_400_naming_exactly_the_wrong_field(string item, string key)
    {
        var problem = await Problem($$"""{"items": [{{item}}]}""");
        Assert.Equal([key], ErrorKeys(problem));
    }

    [Fact]
    public async Task Errors_of_later_items_carry_their_index()
    {
        var bad = SelfHostedItem(license: "galactic");
        var problem = await Problem(Body(SaasItem(), ServiceItem(), bad).ToJsonString());
        Assert.Equal(["items[2].configuration.license_type"], ErrorKeys(problem));
    }

    [Theory]
    [InlineData("""{"items": []}""")]
    [InlineData("""{"items": null}""")]
    [InlineData("""{}""")]
    public async Task A_quote_without_items_is_a_400_naming_items(string body) =>
        Assert.Equal(["items"], ErrorKeys(await Problem(body)));

    [Fact]
    public async Task More_than_twenty_items_is_a_400_naming_items()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/api/v1/quotes",
            new StringContent(Body(Enumerable.Range(0, 20).Select(_ => (JsonNode)SelfHostedItem()).ToArray()).ToJsonString(), Encoding.UTF8, "application/json"))).StatusCode);
        var problem = await Problem(Body(Enumerable.Range(0, 21).Select(_ => (JsonNode)SelfHostedItem()).ToArray()).ToJsonString());
        Assert.Equal(["items"], ErrorKeys(problem));
    }

    [Fact]
    public async Task The_same_subdomain_twice_in_one_cart_names_the_second_item()
    {
        var first = SaasItem("basic", "monthly");
        var second = SaasItem("professional", "annual");
        first["configuration"]!["subdomain"] = "rosies-diner";
        second["configuration"]!["subdomain"] = "rosies-diner";
        Assert.Equal(["items[1].configuration.subdomain"], ErrorKeys(await Problem(Body(first, second).ToJsonString())));
    }

    [Fact]
    public async Task Archived_and_draft_products_cannot_be_quoted()
    {
        await SetProduct("innkeeper-lite", p => p.Status = ProductStatus.Archived);
        await SetProduct("quietmetrics-web-analytics", p => p.Status = ProductStatus.Draft);

        var archived = new JsonObject { ["product_slug"] = "innkeeper-lite", ["configuration"] = new JsonObject { ["plan"] = "solo", ["billing_cycle"] = "monthly" } };
        var draft = new JsonObject { ["product_slug"] = "quietmetrics-web-analytics", ["configuration"] = new JsonObject { ["license_type"] = "standard", ["support_plan"] = "basic", ["updates"] = "1_year" } };
        var problem = await Problem(Body(SaasItem(), archived, draft).ToJsonString());

        Assert.Equal(["items[1].product_slug", "items[2].product_slug"], ErrorKeys(problem));
    }

    [Fact]
    public async Task Items_in_different_currencies_are_a_400_naming_items()
    {
        await SetProduct("reservo-table-booking", p => p.Currency = "EUR");
        var euro = new JsonObject { ["product_slug"] = "reservo-table-booking", ["configuration"] = new JsonObject { ["plan"] = "basic", ["billing_cycle"] = "monthly" } };

        var alone = await Quote(Body(euro.DeepClone()));
        Assert.Equal("EUR", alone.GetProperty("currency").GetString());

        var problem = await Problem(Body(SaasItem(), euro).ToJsonString());
        Assert.Equal(["items"], ErrorKeys(problem));
    }

    [Theory]
    [InlineData("""{"items": "x"}""")]
    [InlineData("""{not json""")]
    [InlineData("""{"items": [{"product_slug": 42, "configuration": {}}]}""")]
    [InlineData("""[]""")]
    [InlineData("")]
    public async Task Malformed_or_wrongly_typed_bodies_are_400_problems(string body)
    {
        var problem = await Problem(body);
        Assert.Equal("Bad Request", problem.GetProperty("title").GetString());
        Assert.Equal("/api/v1/quotes", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_quote_endpoint_under_checkout()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var post = document.GetProperty("paths").GetProperty("/api/v1/quotes").GetProperty("post");
        Assert.Equal("Checkout", post.GetProperty("tags")[0].GetString());
        Assert.True(post.GetProperty("responses").TryGetProperty("400", out _));
    }

    private async Task SetProduct(string slug, Action<Product> change)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var product = await db.Set<Product>().SingleAsync(p => p.Slug == slug);
        change(product);
        await db.SaveChangesAsync();
    }
}
