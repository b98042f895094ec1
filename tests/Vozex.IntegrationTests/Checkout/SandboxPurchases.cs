using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vozex.IntegrationTests.Accounts;

namespace Vozex.IntegrationTests.Checkout;

/// <summary>
/// A customer buying through the sandbox gateway over real HTTP (the app must run on Kestrel, so the sandbox's
/// webhook reaches /webhooks/sandbox like a real gateway's would).
/// </summary>
public sealed partial class SandboxPurchases(Uri baseAddress)
{
    public static object SaasItem(string? subdomain = null) => new
    {
        product_slug = "harborstay-hotel-pms",
        configuration = new { plan = "professional", features = Array.Empty<string>(), billing_cycle = "annual", subdomain },
    };

    public static object ServiceItem() => new
    {
        product_slug = "brandcraft-logo-identity",
        configuration = new { package = "standard", requirements = "A logo for a bakery called Crumb.", timeline = "expedited" },
    };

    public static object SelfHostedItem() => new
    {
        product_slug = "sentinelscan",
        configuration = new { license_type = "standard", support_plan = "priority", updates = "lifetime" },
    };

    public HttpClient NewClient(string? accessToken = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task<HttpClient> CustomerAsync(string? name = null)
    {
        var tokens = await NewClient().SignUpAndLoginAsync(AccountsTestClient.NewEmail(), name: name);
        return NewClient(tokens.AccessToken());
    }

    public async Task<HttpClient> AdminAsync()
    {
        var tokens = await NewClient().LoginOkAsync(Vozex.Testing.VozexAppFactory.AdminEmail, Vozex.Testing.VozexAppFactory.AdminPassword);
        return NewClient(tokens.AccessToken());
    }

    public static async Task<JsonElement> CheckoutAsync(HttpClient customer, params object[] items)
    {
        var response = await customer.PostAsJsonAsync("/api/v1/checkout", new { items, payment_gateway = "sandbox" });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> OrderAsync(HttpClient customer, JsonElement placed) =>
        await customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{placed.GetProperty("order_id").GetString()}");

    /// <summary>
    /// Waits for <paramref name="status"/>. "paid" is also reached by the fulfilment states that only follow it: a
    /// SaaS, license or service item may be fulfilled before the next poll, and the payment has been applied either way.
    /// </summary>
    public static async Task<JsonElement> WaitForStatusAsync(HttpClient customer, JsonElement placed, string status, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var order = await OrderAsync(customer, placed);
            var now = order.GetProperty("status").GetString();
            // Fulfilment moves a paid order on by itself (a service item can be assigned within milliseconds), so
            // "paid" means money taken and not refunded, whatever the fulfilment has reached meanwhile.
            if (now == status || (status == "paid" && now is "fulfilled" or "partially_fulfilled" or "fulfillment_failed")) return order;
            Assert.True(DateTime.UtcNow < deadline, $"Order stayed {now}, expected {status}.");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until the payment is applied, whatever the drivers have done since: an item a driver fulfils at once moves
    /// the order past "paid" before a poll may see it.
    /// </summary>
    public static async Task<JsonElement> WaitForPaidAsync(HttpClient customer, JsonElement placed, int seconds = 20)
    {
        string[] paidOrLater = ["paid", "partially_fulfilled", "fulfilled", "fulfillment_failed"];
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var order = await OrderAsync(customer, placed);
            if (paidOrLater.Contains(order.GetProperty("status").GetString())) return order;
            Assert.True(DateTime.UtcNow < deadline, $"Order stayed {order.GetProperty("status").GetString()}, expected it paid.");
            await Task.Delay(100);
        }
    }

    /// <summary>What a browser does on the sandbox page: load it (antiforgery cookie + field), then submit Pay or Decline, once or more.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(JsonElement placed, string choice, int times = 1)
    {
        var browser = NewClient();
        var checkoutUrl = new Uri(placed.GetProperty("checkout_url").GetString()!);
        var page = await browser.GetStringAsync(checkoutUrl);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The sandbox page has no antiforgery field.");
        HttpResponseMessage response = null!;
        for (var i = 0; i < times; i++)
        {
            response = await browser.PostAsync($"{checkoutUrl.AbsolutePath}/{choice}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["choice"] = choice,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }));
        }
        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
