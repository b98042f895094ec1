using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Vendor.Licensing;
using Vozex.IntegrationTests.Accounts;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Modules.Licensing.Contracts;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Issue;
using Vozex.Web.Modules.Notifications.Outbox;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.Licensing;

/// <summary>Self-hosted licensing through the real pipeline: bought on the sandbox over HTTP, fulfilled by the real driver.</summary>
public abstract class LicensingTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> FastSettings = new()
    {
        ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.100",
    };

    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    private VozexAppFactory _app = null!;
    private SandboxPurchases _shop = null!;

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    /// <summary>Another node of the same installation: same database, same settings.</summary>
    protected abstract VozexAppFactory CreateSecondNode(IReadOnlyDictionary<string, string?> settings);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(FastSettings);
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        _app = (await CreateAppAsync(all)).WithServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            services?.Invoke(s);
        });
        _app.UseKestrel(0);
        _app.StartServer();
        _shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);
    }

    private async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private sealed record Bought(HttpClient Customer, JsonElement Order, JsonElement License, string Key)
    {
        public Guid Id => License.GetProperty("id").GetGuid();
    }

    private static object Item(string licenseType = "professional", string support = "basic", string updates = "1_year") => new
    {
        product_slug = "sentinelscan",
        configuration = new { license_type = licenseType, support_plan = support, updates },
    };

    private async Task<Bought> BuyAsync(HttpClient? customer = null, string licenseType = "professional", string support = "basic", string updates = "1_year")
    {
        customer ??= await _shop.CustomerAsync();
        var placed = await SandboxPurchases.CheckoutAsync(customer, Item(licenseType, support, updates));
        await _shop.SubmitAsync(placed, "pay");
        var order = await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled");
        var reference = order.GetProperty("items")[0].GetProperty("fulfillment").GetProperty("external_reference_id").GetString();
        var mine = await customer.GetFromJsonAsync<JsonElement>("/api/v1/me/licenses?page_size=100");
        var license = mine.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("id").GetString() == reference);
        return new Bought(customer, order, license, license.GetProperty("key").GetString()!);
    }

    private HttpClient Software() => _shop.NewClient();

    private static async Task<JsonElement> ValidateAsync(HttpClient software, string key, string? fingerprint = null)
    {
        var response = await software.PostAsJsonAsync("/api/v1/licenses/validate", new { key, fingerprint });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> ActivateAsync(HttpClient software, string key, string fingerprint, string? name = null) =>
        software.PostAsJsonAsync("/api/v1/licenses/activate", new { key, fingerprint, name });

    private static async Task<string> NewLinkAsync(HttpClient customer, Guid licenseId)
    {
        var response = await customer.PostAsJsonAsync($"/api/v1/me/licenses/{licenseId}/download-links", new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, link.GetProperty("max_downloads").GetInt32());
        return new Uri(link.GetProperty("url").GetString()!).AbsolutePath;
    }

    private Task<int> DownloadsCountedAsync(string path)
    {
        var hash = DownloadToken.TryHash(path.Split('/').Last())!;
        return WithDb(db => db.Set<DownloadLink>().AsNoTracking().Where(d => d.TokenHash == hash).Select(d => d.Downloads).SingleAsync());
    }

    private static async Task<JsonElement> MailAsync(HttpClient admin, string to, string kind)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var list = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/mailbox?to={Uri.EscapeDataString(to)}&page_size=100");
            var found = list.GetProperty("items").EnumerateArray().FirstOrDefault(m => m.GetProperty("kind").GetString() == kind);
            if (found.ValueKind == JsonValueKind.Object)
                return await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/mailbox/{found.GetProperty("id").GetInt64()}");
            Assert.True(DateTime.UtcNow < deadline, $"No {kind} mail reached {to}.");
            await Task.Delay(100);
        }
    }

    private byte[] ReleaseFile(string relative) => File.ReadAllBytes(Path.Combine(_app.DataDirectory, relative));

    [Fact]
    public async Task A_paid_order_issues_a_license_with_a_working_key_and_mails_the_key_and_the_first_link()
    {
        await StartAsync();
        var bought = await BuyAsync(licenseType: "standard", support: "priority", updates: "lifetime");

        var license = bought.License;
        Assert.Matches("^VZX(-[0-9A-Z]{5}){6}$", bought.Key);
        Assert.Equal("SentinelScan", license.GetProperty("product_name").GetString());
        Assert.Equal("standard", license.GetProperty("license_type").GetString());
        Assert.Equal("priority", license.GetProperty("support_plan").GetString());
        Assert.Equal("lifetime", license.GetProperty("updates").GetString());
        Assert.Equal(JsonValueKind.Null, license.GetProperty("updates_until").ValueKind);
        Assert.Equal(1, license.GetProperty("max_activations").GetInt32());
        Assert.Equal("active", license.GetProperty("status").GetString());
        var paidAt = bought.Order.GetProperty("paid_at").GetDateTimeOffset();
        Assert.Equal(paidAt.AddYears(1), license.GetProperty("support_until").GetDateTimeOffset());

        // The database keeps a hash and an encrypted copy, never the key itself.
        var stored = await WithDb(db => db.Set<License>().AsNoTracking().SingleAsync(l => l.Id == bought.Id));
        Assert.Equal(LicenseKey.Hash(bought.Key), stored.KeyHash);
        Assert.DoesNotContain(bought.Key, stored.KeyProtected, StringComparison.Ordinal);

        var valid = await ValidateAsync(Software(), bought.Key);
        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.Equal("VALID", valid.GetProperty("code").GetString());
        Assert.True(valid.GetProperty("updates_available").GetBoolean());

        // The mail went through the outbox to the local mailbox: the key and the first link, which downloads the newest release.
        var email = (await bought.Customer.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("email").GetString()!;
        var admin = await _shop.AdminAsync();
        var message = await MailAsync(admin, email, "license_issued");
        var text = message.GetProperty("text_body").GetString()!;
        Assert.Contains(bought.Key, text);
        Assert.Contains(bought.Key, message.GetProperty("html_body").GetString());
        var mailed = System.Text.RegularExpressions.Regex.Match(text, "https?://[^/\\s]+(/download/[A-Za-z0-9_-]{43})");
        Assert.True(mailed.Success, "The mail has no download link.");
        var download = await Software().GetAsync(mailed.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        var file = await WithDb(db => db.Set<DownloadLink>().AsNoTracking().Where(d => d.LicenseId == bought.Id).Select(d => new { d.Sha256, d.FileName, d.ReleaseVersion }).SingleAsync());
        Assert.Equal("6.3.1", file.ReleaseVersion); // the newest release the license covers
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task Keys_and_download_tokens_never_appear_in_the_logs()
    {
        await StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" }, s => s.AddFakeLogging());
        var bought = await BuyAsync();
        var software = Software();
        Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(software, bought.Key, "box")).StatusCode);
        await ValidateAsync(software, bought.Key, "box");
        var path = await NewLinkAsync(bought.Customer, bought.Id);
        Assert.Equal(HttpStatusCode.OK, (await software.GetAsync(path)).StatusCode);
        var email = (await bought.Customer.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("email").GetString()!;
        await MailAsync(await _shop.AdminAsync(), email, "license_issued");

        var token = path.Split('/').Last();
        var logs = _app.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Message.Contains(bought.Id.ToString(), StringComparison.Ordinal)); // issuing was logged, by id
        var secrets = new[] { bought.Key, bought.Key.Replace("-", ""), token };
        Assert.DoesNotContain(logs, r => secrets.Any(secret => r.Message.Contains(secret, StringComparison.OrdinalIgnoreCase)
            || (r.Exception?.ToString().Contains(secret, StringComparison.OrdinalIgnoreCase) ?? false)));
    }

    [Fact]
    public async Task Running_the_driver_again_for_the_same_fulfilment_returns_the_same_license_and_issues_nothing_new()
    {
        await StartAsync();
        var bought = await BuyAsync();
        var record = await WithDb(db => db.Set<FulfillmentRecord>().AsNoTracking().SingleAsync(r => r.ExternalReferenceId == bought.Id.ToString()));

        await using var scope = _app.Services.CreateAsyncScope();
        var driver = scope.ServiceProvider.GetServices<IFulfillmentDriver>().Last(d => d.Name == FulfillmentDrivers.SelfHostedLicense);
        var again = await driver.RunAsync(new FulfillmentJob(record.Id, record.OrderId, record.OrderNumber, record.OrderItemId, record.CustomerId,
            record.CustomerEmail, record.ProductType, record.ProductSlug, record.ProductName, record.PayloadSnapshot, 2, record.PaidAt), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SaveChangesAsync();

        Assert.Equal(FulfillmentStatus.Active, again.Status);
        Assert.Equal(bought.Id.ToString(), again.ExternalReferenceId);
        Assert.Equal(1, await WithDb(db => db.Set<License>().CountAsync(l => l.OrderItemId == record.OrderItemId)));
        Assert.Equal(1, await WithDb(db => db.Set<DownloadLink>().CountAsync(d => d.LicenseId == bought.Id)));
        Assert.Equal(1, await WithDb(db => db.Set<OutboxMail>().CountAsync(m => m.Kind == "license_issued")));
    }

    [Fact]
    public async Task Activating_to_the_limit_then_answers_409_the_same_fingerprint_twice_is_idempotent_and_deactivating_frees_a_seat()
    {
        await StartAsync();
        var bought = await BuyAsync(licenseType: "professional"); // 5 activations
        var software = Software();

        var first = await ActivateAsync(software, bought.Key, "machine-0", "Scanner 0");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var activation = await first.Content.ReadFromJsonAsync<JsonElement>();
        var again = await ActivateAsync(software, bought.Key, "machine-0");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(activation.GetProperty("activation_id").GetGuid(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activation_id").GetGuid());

        for (var i = 1; i < 5; i++) Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(software, bought.Key, $"machine-{i}")).StatusCode);
        var full = await ActivateAsync(software, bought.Key, "machine-5");
        var problem = await full.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("TOO_MANY_ACTIVATIONS", problem.GetProperty("code").GetString());

        var deactivated = await software.PostAsJsonAsync("/api/v1/licenses/deactivate", new { key = bought.Key, fingerprint = "machine-2" });
        Assert.Equal(HttpStatusCode.NoContent, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await software.PostAsJsonAsync("/api/v1/licenses/deactivate", new { key = bought.Key, fingerprint = "machine-2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(software, bought.Key, "machine-5")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ActivateAsync(software, bought.Key, "machine-6")).StatusCode);

        var mine = await bought.Customer.GetFromJsonAsync<JsonElement>($"/api/v1/me/licenses/{bought.Id}");
        Assert.Equal(5, mine.GetProperty("activations").GetInt32());
        Assert.Equal(["machine-0", "machine-1", "machine-3", "machine-4", "machine-5"],
            mine.GetProperty("machines").EnumerateArray().Select(m => m.GetProperty("fingerprint").GetString()).Order());

        // The customer frees a seat from the dashboard.
        var machine = mine.GetProperty("machines").EnumerateArray().First(m => m.GetProperty("fingerprint").GetString() == "machine-0").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await bought.Customer.DeleteAsync($"/api/v1/me/licenses/{bought.Id}/activations/{machine}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(software, bought.Key, "machine-6")).StatusCode);

        var bad = await software.PostAsJsonAsync("/api/v1/licenses/activate", new { key = bought.Key });
        Assert.True((await bad.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("fingerprint", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await ActivateAsync(software, LicenseKey.Generate(), "machine-0")).StatusCode);
    }

    [Fact]
    public async Task Fifty_concurrent_activations_of_different_machines_take_exactly_the_free_seats()
    {
        // Every attempt counts against the churn limit; here only the race for seats is under test.
        await StartAsync(new Dictionary<string, string?> { ["Vozex:Licensing:ActivationChangesPerLicense"] = "1000" });
        var bought = await BuyAsync(licenseType: "professional");
        var software = Software();
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => ActivateAsync(software, bought.Key, $"racer-{i}")));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(45, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(5, await WithDb(db => db.Set<Activation>().CountAsync(a => a.LicenseId == bought.Id)));
        Assert.Equal(5, await WithDb(db => db.Set<License>().Where(l => l.Id == bought.Id).Select(l => l.ActivationCount).SingleAsync()));
    }

    [Fact]
    public async Task Validate_answers_every_code_of_the_API()
    {
        await StartAsync();
        var bought = await BuyAsync(licenseType: "standard"); // 1 activation
        var software = Software();
        var admin = await _shop.AdminAsync();

        Assert.Equal("VALID", (await ValidateAsync(software, bought.Key)).GetProperty("code").GetString());
        Assert.Equal("NOT_ACTIVATED", (await ValidateAsync(software, bought.Key, "laptop")).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(software, bought.Key, "laptop")).StatusCode);
        var activated = await ValidateAsync(software, bought.Key, "laptop");
        Assert.Equal("VALID", activated.GetProperty("code").GetString());
        Assert.Equal(1, activated.GetProperty("license").GetProperty("activations").GetInt32());
        var other = await ValidateAsync(software, bought.Key, "desktop");
        Assert.Equal("TOO_MANY_ACTIVATIONS", other.GetProperty("code").GetString());
        Assert.False(other.GetProperty("valid").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/admin/licenses/{bought.Id}/suspend", new { reason = "Chargeback review" })).StatusCode);
        Assert.Equal("SUSPENDED", (await ValidateAsync(software, bought.Key, "laptop")).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/admin/licenses/{bought.Id}/reinstate", new { })).StatusCode);

        var expiresAt = Clock.GetUtcNow().AddHours(1);
        await WithDb(db => db.Set<License>().Where(l => l.Id == bought.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expiresAt)));
        Assert.Equal("VALID", (await ValidateAsync(software, bought.Key)).GetProperty("code").GetString());
        Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal("EXPIRED", (await ValidateAsync(software, bought.Key, "laptop")).GetProperty("code").GetString());

        admin = await _shop.AdminAsync(); // the first sign-in's token expired with the clock
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/admin/licenses/{bought.Id}/revoke", new { reason = "Fraud" })).StatusCode);
        var revoked = await ValidateAsync(software, bought.Key);
        Assert.Equal("REVOKED", revoked.GetProperty("code").GetString());
        Assert.Equal("revoked", revoked.GetProperty("license").GetProperty("status").GetString());

        // An unknown key and a malformed one get the same answer, which says nothing about other keys.
        var unknown = await ValidateAsync(software, LicenseKey.Generate());
        var malformed = await ValidateAsync(software, "VZX-NOT-A-KEY");
        Assert.Equal("NOT_FOUND", unknown.GetProperty("code").GetString());
        Assert.Equal(unknown.GetRawText(), malformed.GetRawText());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("license").ValueKind);
    }

    [Fact]
    public async Task A_link_allows_five_downloads_and_the_sixth_is_410_saying_it_is_used_up()
    {
        await StartAsync();
        var bought = await BuyAsync();
        var noBody = await bought.Customer.PostAsync($"/api/v1/me/licenses/{bought.Id}/download-links", null);
        Assert.Equal(HttpStatusCode.Created, noBody.StatusCode); // the body is optional: the newest covered release
        var path = new Uri((await noBody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!).AbsolutePath;
        var browser = Software();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);
        var sixth = await browser.GetAsync(path);
        var problem = await sixth.ProblemAsync(HttpStatusCode.Gone);
        Assert.Contains("used 5 times", problem.GetProperty("detail").GetString());
        Assert.Equal(5, await DownloadsCountedAsync(path));
        // Opened in a browser, the same refusal is one plain sentence rather than a JSON document.
        var inBrowser = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", "text/html,application/xhtml+xml,*/*;q=0.8" } } });
        Assert.Equal(HttpStatusCode.Gone, inBrowser.StatusCode);
        Assert.Equal("text/plain", inBrowser.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("This download link has been used 5 times, its limit.", await inBrowser.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/download/" + DownloadToken.Generate())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/download/junk")).StatusCode);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_on_a_fresh_link_let_exactly_five_through()
    {
        await StartAsync();
        var bought = await BuyAsync();
        var path = await NewLinkAsync(bought.Customer, bought.Id);
        var browser = Software();
        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var response = await browser.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            return (response.StatusCode, body.Length);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(requests);
        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(45, results.Count(r => r.StatusCode == HttpStatusCode.Gone));
        Assert.Equal(5, await DownloadsCountedAsync(path));
    }

    [Fact]
    public async Task A_range_request_gets_206_with_the_right_bytes_and_resuming_does_not_count_as_a_download()
    {
        await StartAsync();
        var bought = await BuyAsync();
        var path = await NewLinkAsync(bought.Customer, bought.Id);
        var link = await WithDb(db => db.Set<DownloadLink>().AsNoTracking().Where(d => d.LicenseId == bought.Id)
            .OrderByDescending(d => d.Id).Select(d => new { d.StoragePath, d.FileName, d.Sha256 }).FirstAsync());
        var expected = ReleaseFile(link.StoragePath);
        var browser = Software();

        // The download starts (counted) and breaks off after 100 bytes; the client resumes from there, twice.
        var start = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Range = new RangeHeaderValue(0, 99) } };
        var head = await browser.SendAsync(start);
        Assert.Equal(HttpStatusCode.PartialContent, head.StatusCode);
        Assert.Equal(expected[..100], await head.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{link.Sha256}\"", head.Headers.ETag?.Tag);
        Assert.Equal(link.FileName, head.Content.Headers.ContentDisposition?.FileNameStar ?? head.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        for (var i = 0; i < 2; i++)
        {
            var resume = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Range = new RangeHeaderValue(100, 1099) } };
            var part = await browser.SendAsync(resume);
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal($"bytes 100-1099/{expected.Length}", part.Content.Headers.ContentRange?.ToString());
            Assert.Equal(expected[100..1100], await part.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(1, await DownloadsCountedAsync(path));

        var whole = await browser.GetAsync(path);
        Assert.Equal(expected, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, await DownloadsCountedAsync(path));
    }

    [Fact]
    public async Task An_expired_link_answers_410_saying_it_expired()
    {
        await StartAsync();
        var bought = await BuyAsync();
        var path = await NewLinkAsync(bought.Customer, bought.Id);
        var browser = Software();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);
        Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var problem = await (await browser.GetAsync(path)).ProblemAsync(HttpStatusCode.Gone);
        Assert.Contains("expired", problem.GetProperty("detail").GetString());
        // A resumed range of an expired link is refused too.
        var resume = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Range = new RangeHeaderValue(100, null) } };
        Assert.Equal(HttpStatusCode.Gone, (await browser.SendAsync(resume)).StatusCode);
    }

    [Fact]
    public async Task Another_customers_license_answers_404_everywhere()
    {
        await StartAsync();
        var bought = await BuyAsync();
        var stranger = await _shop.CustomerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/me/licenses/{bought.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/me/licenses/{bought.Id}/download-links", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/me/licenses/{bought.Id}/license-file")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/me/licenses/{bought.Id}/releases")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/me/licenses/{bought.Id}/activations/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>("/api/v1/me/licenses")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Software().GetAsync("/api/v1/me/licenses")).StatusCode);
    }

    [Fact]
    public async Task The_license_file_verifies_offline_with_the_published_public_key_and_the_vendor_routine()
    {
        await StartAsync();
        var bought = await BuyAsync(licenseType: "professional", updates: "1_year");
        var response = await bought.Customer.GetAsync($"/api/v1/me/licenses/{bought.Id}/license-file");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = await response.Content.ReadAsStringAsync();
        var publicKey = await Software().GetFromJsonAsync<JsonElement>("/api/v1/licenses/public-key");
        Assert.Equal("Ed25519", publicKey.GetProperty("algorithm").GetString());

        var verified = VozexLicenseVerifier.Verify(file, publicKey.GetProperty("public_key").GetString()!, "sentinelscan");
        Assert.NotNull(verified);
        Assert.Equal(bought.Id, verified.Id);
        Assert.Equal(5, verified.MaxActivations);
        Assert.Equal("professional", verified.LicenseType);
        Assert.Equal(bought.License.GetProperty("updates_until").GetDateTimeOffset().ToUnixTimeSeconds(), verified.UpdatesUntil!.Value.ToUnixTimeSeconds());
        Assert.Null(VozexLicenseVerifier.Verify(file.Replace("\\u0022max_activations\\u0022:5", "\\u0022max_activations\\u0022:50").Replace("\\\"max_activations\\\":5", "\\\"max_activations\\\":50"),
            publicKey.GetProperty("public_key").GetString()!, "sentinelscan"));

        // The pair is made once: a second file is signed by the same key.
        var second = await (await bought.Customer.GetAsync($"/api/v1/me/licenses/{bought.Id}/license-file")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(publicKey.GetProperty("key_id").GetString(), second.GetProperty("key_id").GetString());
        Assert.Equal(1, await WithDb(db => db.Set<SigningKey>().CountAsync()));
    }

    [Fact]
    public async Task The_license_API_answers_429_with_Retry_After_past_the_per_IP_limit()
    {
        await StartAsync(new Dictionary<string, string?> { ["Vozex:Licensing:ApiPermitsPerIp"] = "3" });
        var software = Software();
        var key = LicenseKey.Generate();
        for (var i = 0; i < 3; i++) await ValidateAsync(software, key);
        var limited = await software.PostAsJsonAsync("/api/v1/licenses/validate", new { key });
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task One_license_is_limited_from_anywhere_while_other_keys_are_not()
    {
        await StartAsync(new Dictionary<string, string?> { ["Vozex:Licensing:ApiPermitsPerLicense"] = "2" });
        var bought = await BuyAsync();
        var software = Software();
        await ValidateAsync(software, bought.Key);
        await ValidateAsync(software, bought.Key);
        var limited = await software.PostAsJsonAsync("/api/v1/licenses/validate", new { key = bought.Key });
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("NOT_FOUND", (await ValidateAsync(software, LicenseKey.Generate())).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_seat_cannot_be_cycled_between_machines_past_the_churn_limit()
    {
        await StartAsync(new Dictionary<string, string?> { ["Vozex:Licensing:ActivationChangesPerLicense"] = "3" });
        var bought = await BuyAsync(licenseType: "standard");
        var software = Software();
        Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(software, bought.Key, "a")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await software.PostAsJsonAsync("/api/v1/licenses/deactivate", new { key = bought.Key, fingerprint = "a" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(software, bought.Key, "b")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await software.PostAsJsonAsync("/api/v1/licenses/deactivate", new { key = bought.Key, fingerprint = "b" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ActivateAsync(software, bought.Key, "b")).StatusCode); // re-activating the same machine is no change
    }

    [Fact]
    public async Task The_churn_limit_is_shared_by_every_node_of_the_installation()
    {
        await StartAsync(new Dictionary<string, string?> { ["Vozex:Licensing:ActivationChangesPerLicense"] = "3" });
        var bought = await BuyAsync(licenseType: "standard");
        await using var second = CreateSecondNode(_app.Settings);
        second.UseKestrel(0);
        second.StartServer();
        var onFirst = Software();
        using var onSecond = new HttpClient { BaseAddress = second.ClientOptions.BaseAddress };

        Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(onFirst, bought.Key, "a")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await onSecond.PostAsJsonAsync("/api/v1/licenses/deactivate", new { key = bought.Key, fingerprint = "a" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(onFirst, bought.Key, "b")).StatusCode);
        // The fourth change is refused on the node that has seen only one of the three.
        var refused = await onSecond.PostAsJsonAsync("/api/v1/licenses/deactivate", new { key = bought.Key, fingerprint = "b" });
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.FromHours(23));
        // A new window starts once the old one has passed.
        Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await onFirst.PostAsJsonAsync("/api/v1/licenses/deactivate", new { key = bought.Key, fingerprint = "b" })).StatusCode);
    }

    [Fact]
    public async Task Revoking_makes_validate_say_REVOKED_kills_the_links_and_is_audited()
    {
        await StartAsync();
        var bought = await BuyAsync();
        var path = await NewLinkAsync(bought.Customer, bought.Id);
        var admin = await _shop.AdminAsync();
        var revoked = await admin.PostAsJsonAsync($"/api/v1/admin/licenses/{bought.Id}/revoke", new { reason = "Fraud" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("revoked", (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        Assert.Equal("REVOKED", (await ValidateAsync(Software(), bought.Key)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Gone, (await Software().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await bought.Customer.PostAsJsonAsync($"/api/v1/me/licenses/{bought.Id}/download-links", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ActivateAsync(Software(), bought.Key, "late")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/admin/licenses/{bought.Id}/revoke", new { })).StatusCode);
        Assert.All(await WithDb(db => db.Set<DownloadLink>().AsNoTracking().Where(d => d.LicenseId == bought.Id).ToListAsync()), d => Assert.NotNull(d.RevokedAt));

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit-log?action=license.revoke&target_id={bought.Id}");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(VozexAppFactory.AdminEmail, entry.GetProperty("actor_email").GetString());
    }

    [Fact]
    public async Task An_admin_refund_through_the_gateway_revokes_the_license_and_kills_its_links()
    {
        await StartAsync();
        var bought = await BuyAsync();
        var path = await NewLinkAsync(bought.Customer, bought.Id);
        Assert.Equal(HttpStatusCode.Created, (await ActivateAsync(Software(), bought.Key, "box")).StatusCode);
        var itemId = bought.Order.GetProperty("items")[0].GetProperty("id").GetInt64();
        var admin = await _shop.AdminAsync();

        var refund = await admin.PostAsJsonAsync($"/api/v1/admin/orders/{bought.Order.GetProperty("id").GetGuid()}/refunds", new { items = new[] { itemId }, reason = "Not what they needed" });
        Assert.True(refund.IsSuccessStatusCode, $"{(int)refund.StatusCode}: {await refund.Content.ReadAsStringAsync()}");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await ValidateAsync(Software(), bought.Key, "box")).GetProperty("code").GetString() != "REVOKED")
        {
            Assert.True(DateTime.UtcNow < deadline, "The refund never revoked the license.");
            await Task.Delay(100);
        }
        Assert.Equal(HttpStatusCode.Gone, (await Software().GetAsync(path)).StatusCode);
        var mine = await bought.Customer.GetFromJsonAsync<JsonElement>($"/api/v1/me/licenses/{bought.Id}");
        Assert.Equal("revoked", mine.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_refund_revokes_the_license_and_kills_its_links_in_the_callers_unit_of_work()
    {
        await StartAsync();
        var bought = await BuyAsync();
        var path = await NewLinkAsync(bought.Customer, bought.Id);
        var itemId = bought.Order.GetProperty("items")[0].GetProperty("id").GetInt64();

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var revocation = scope.ServiceProvider.GetRequiredService<ILicenseRevocation>();
            Assert.Equal(1, await revocation.RevokeForOrderItemsAsync([itemId], "Refunded.", CancellationToken.None));
            Assert.Equal("VALID", (await ValidateAsync(Software(), bought.Key)).GetProperty("code").GetString()); // nothing committed yet
            await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().SaveChangesAsync();
        }
        Assert.Equal("REVOKED", (await ValidateAsync(Software(), bought.Key)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Gone, (await Software().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Admins_search_extend_and_act_in_bulk_with_a_result_per_id_each_audited()
    {
        await StartAsync();
        var customer = await _shop.CustomerAsync();
        var oneYear = await BuyAsync(customer, updates: "1_year");
        var lifetime = await BuyAsync(customer, updates: "lifetime");
        var admin = await _shop.AdminAsync();

        var byKey = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/licenses?q={Uri.EscapeDataString(oneYear.Key.ToLowerInvariant())}");
        Assert.Equal(oneYear.Id, Assert.Single(byKey.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.False(byKey.GetProperty("items")[0].TryGetProperty("key", out _));
        var byEmail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/licenses?q={Uri.EscapeDataString(oneYear.License.GetProperty("order_number").GetString()!)}");
        Assert.Equal(1, byEmail.GetProperty("total").GetInt32());

        var before = oneYear.License.GetProperty("updates_until").GetDateTimeOffset();
        var extended = await admin.PostAsJsonAsync($"/api/v1/admin/licenses/{oneYear.Id}/extend", new { months = 6 });
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal(before.AddMonths(6), (await extended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("updates_until").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/admin/licenses/{lifetime.Id}/extend", new { months = 6 })).StatusCode);
        var badExtend = await admin.PostAsJsonAsync($"/api/v1/admin/licenses/{oneYear.Id}/extend", new { months = 0 });
        Assert.True((await badExtend.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("months", out _));

        var missing = Guid.NewGuid();
        var bulk = await admin.PostAsJsonAsync("/api/v1/admin/licenses/bulk", new { ids = new[] { oneYear.Id, lifetime.Id, missing }, action = "suspend", reason = "Audit" });
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        var result = await bulk.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("changed").GetInt32());
        var outcomes = result.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid(), r => r.GetProperty("outcome").GetString());
        Assert.Equal("changed", outcomes[oneYear.Id]);
        Assert.Equal("changed", outcomes[lifetime.Id]);
        Assert.Equal("not_found", outcomes[missing]);
        Assert.Equal("SUSPENDED", (await ValidateAsync(Software(), lifetime.Key)).GetProperty("code").GetString());

        var extendBulk = await (await admin.PostAsJsonAsync("/api/v1/admin/licenses/bulk", new { ids = new[] { oneYear.Id, lifetime.Id }, action = "extend", months = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["changed", "not_allowed"], extendBulk.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit-log?action=license.suspend");
        Assert.Equal(2, audit.GetProperty("total").GetInt32());
        var invalid = await admin.PostAsJsonAsync("/api/v1/admin/licenses/bulk", new { ids = Array.Empty<Guid>(), action = "explode" });
        var errors = (await invalid.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("ids", out _));
        Assert.True(errors.TryGetProperty("action", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/licenses")).StatusCode);
    }
    [Fact]
    public async Task The_licenses_page_shows_the_key_and_makes_a_working_download_link()
    {
        await StartAsync();
        var bought = await BuyAsync();
        var html = await bought.Customer.GetStringAsync("/account/licenses");
        Assert.Contains(bought.Key, html);
        Assert.Contains($"/api/v1/me/licenses/{bought.Id}/license-file", html);

        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var posted = await bought.Customer.PostAsync("/account/licenses", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = $"link-{bought.Id:N}",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var link = System.Text.RegularExpressions.Regex.Match(await posted.Content.ReadAsStringAsync(), "href=\"https?://[^/\"]+(/download/[A-Za-z0-9_-]{43})\"");
        Assert.True(link.Success, "The page shows no download link.");
        Assert.Equal(HttpStatusCode.OK, (await Software().GetAsync(link.Groups[1].Value)).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostPageFormAsync(HttpClient customer, string handler)
    {
        var html = await customer.GetStringAsync("/account/licenses");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await customer.PostAsync("/account/licenses", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
    }

    [Fact]
    public async Task The_licenses_page_lists_machines_and_releases_and_deactivates_a_machine()
    {
        await StartAsync();
        var bought = await BuyAsync();
        var activated = await ActivateAsync(Software(), bought.Key, "fp-build-01", "build-server");
        Assert.Equal(HttpStatusCode.Created, activated.StatusCode);
        var activationId = (await activated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activation_id").GetGuid();

        var html = WebUtility.HtmlDecode(await bought.Customer.GetStringAsync("/account/licenses"));
        Assert.Contains("build-server", html);
        Assert.Contains($"1 of {bought.License.GetProperty("max_activations").GetInt32()}", html);
        Assert.Contains("Copy the license key of SentinelScan", html);
        Assert.Contains("Download license file", html);
        var releases = await bought.Customer.GetFromJsonAsync<JsonElement>($"/api/v1/me/licenses/{bought.Id}/releases");
        foreach (var release in releases.EnumerateArray())
            Assert.Contains($"data-version=\"{release.GetProperty("version").GetString()}\"", html);

        var posted = await PostPageFormAsync(bought.Customer, $"deactivate-{activationId:N}");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("build-server was deactivated", WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()));
        var after = await bought.Customer.GetFromJsonAsync<JsonElement>($"/api/v1/me/licenses/{bought.Id}");
        Assert.Equal(0, after.GetProperty("activations").GetInt32());
        Assert.Empty(after.GetProperty("machines").EnumerateArray());
    }

    [Fact]
    public async Task The_licenses_page_of_a_customer_without_licenses_says_so()
    {
        await StartAsync();
        var customer = await _shop.CustomerAsync();
        var html = await customer.GetStringAsync("/account/licenses");
        Assert.Contains("No licenses yet", html);
        Assert.DoesNotContain("license-key", html);
    }
}


public sealed class SqliteLicensingTests : LicensingTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));

    protected override VozexAppFactory CreateSecondNode(IReadOnlyDictionary<string, string?> settings) =>
        VozexAppFactory.Sqlite(new Dictionary<string, string?>(settings));
}

[Collection("postgres")]
public sealed class PostgresLicensingTests(PostgresCluster cluster) : LicensingTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);

    protected override VozexAppFactory CreateSecondNode(IReadOnlyDictionary<string, string?> settings) =>
        VozexAppFactory.Postgres(settings["ConnectionStrings:Marketplace"]!, new Dictionary<string, string?>(settings));
}
