using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Vozex.IntegrationTests.Checkout;

/// <summary>What the cart tests do over HTTP, in their own words.</summary>
internal static partial class CartTestClient
{
    public const string Saas = "tablepoint-restaurant-pos";
    public const string SelfHosted = "vaultkeep-backup";
    public const string Service = "brandcraft-logo-identity";

    public static JsonObject SaasItem(string plan = "professional", string cycle = "annual", string? subdomain = null, string product = Saas, params string[] features)
    {
        var configuration = new JsonObject
        {
            ["plan"] = plan,
            ["features"] = new JsonArray(features.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
            ["billing_cycle"] = cycle,
        };
        if (subdomain is not null) configuration["subdomain"] = subdomain;
        return new JsonObject { ["product_slug"] = product, ["configuration"] = configuration };
    }

    public static JsonObject SelfHostedItem(string license = "standard", string support = "basic", string updates = "1_year", string product = SelfHosted) => new()
    {
        ["product_slug"] = product,
        ["configuration"] = new JsonObject { ["license_type"] = license, ["support_plan"] = support, ["updates"] = updates },
    };

    public static JsonObject ServiceItem(string package = "standard", string timeline = "expedited") => new()
    {
        ["product_slug"] = Service,
        ["configuration"] = new JsonObject { ["package"] = package, ["requirements"] = "A logo for a bakery.", ["timeline"] = timeline },
    };

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> AddAsync(this HttpClient client, JsonObject item) => client.PostAsync("/api/v1/cart/items", Json(item));

    public static async Task<JsonElement> AddedAsync(this HttpClient client, JsonObject item)
    {
        var response = await client.AddAsync(item);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static Task<HttpResponseMessage> ChangeAsync(this HttpClient client, string itemId, JsonNode configuration) =>
        client.PutAsync($"/api/v1/cart/items/{itemId}", Json(new JsonObject { ["configuration"] = configuration.DeepClone() }));

    public static async Task<JsonElement> CartAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/cart");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> QuoteAsync(this HttpClient client, params JsonObject[] items)
    {
        var response = await client.PostAsync("/api/v1/quotes", Json(new JsonObject { ["items"] = new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()) }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static List<JsonElement> Items(this JsonElement cart) => cart.GetProperty("items").EnumerateArray().ToList();

    public static string Id(this JsonElement item) => item.GetProperty("id").GetString()!;

    public static long Amount(this JsonElement element, string money) => element.GetProperty(money).GetProperty("amount").GetInt64();

    public static async Task<List<string>> ErrorKeysAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Where a redirect points, as a local path and query (the pages redirect with absolute URLs).</summary>
    public static string? RedirectTarget(this HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString;

    public static void UseBearer(this HttpClient client, string accessToken) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

    /// <summary>The cart cookie a response sets (or clears), as the raw Set-Cookie header; null when it does not touch it.</summary>
    public static string? CartCookieHeader(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith(".vozex.cart=", StringComparison.Ordinal)) : null;

    /// <summary>Posts a page's form as a browser without JavaScript would: antiforgery token from the page, <c>_handler</c> naming the form.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient browser, string url, string formName, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await browser.GetAsync(url);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {url} → {(int)page.StatusCode}");
        var html = await page.Content.ReadAsStringAsync();
        var all = new List<KeyValuePair<string, string>>(fields)
        {
            new("__RequestVerificationToken", AntiforgeryToken(html)),
            new("_handler", formName),
        };
        return await browser.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public static string AntiforgeryToken(string html) =>
        TokenInput().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
