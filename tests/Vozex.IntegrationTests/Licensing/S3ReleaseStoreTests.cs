using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.IntegrationTests.Checkout;
using Vozex.IntegrationTests.Fakes;
using Vozex.Testing;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Files;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Files;

namespace Vozex.IntegrationTests.Licensing;

/// <summary>
/// Release files in an S3-compatible bucket (<c>Vozex:Files:Store = s3</c>): uploaded through the app's store to a loopback
/// fake S3 server, bought on the sandbox, and downloaded through <c>/download/{token}</c> by the real pipeline.
/// </summary>
public abstract class S3ReleaseStoreTests : IAsyncLifetime
{
    private const string Bucket = "vozex-releases";
    private const string Prefix = "test/";
    private const string Version = "9.9.9";
    private const string FileName = "sentinelscan-9.9.9-linux-x64.tar.gz";

    private FakeS3Server _s3 = null!;
    private VozexAppFactory _app = null!;
    private SandboxPurchases _shop = null!;

    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    public async Task InitializeAsync()
    {
        _s3 = await FakeS3Server.StartAsync(Bucket);
        var settings = _s3.Settings(Bucket, Prefix);
        settings["Vozex:Fulfillment:IdlePoll"] = "00:00:00.100";
        _app = await CreateAppAsync(settings);
        _app.UseKestrel(0);
        _app.StartServer();
        _shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _s3.DisposeAsync();
    }

    /// <summary>A release archive of random bytes (large enough to take many reads), uploaded through the store and published as the newest release.</summary>
    private async Task<(byte[] Content, ReleaseFile File)> PublishReleaseAsync()
    {
        var content = RandomNumberGenerator.GetBytes(700_000);
        await using var scope = _app.Services.CreateAsyncScope();
        var file = await scope.ServiceProvider.GetRequiredService<IReleaseFileStore>().UploadAsync(FileName, new MemoryStream(content), CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var product = await db.Set<Product>().SingleAsync(p => p.Slug == "sentinelscan");
        var release = new Release(Version, "Stored in a bucket.", DateOnly.FromDateTime(DateTime.UtcNow), [file]);
        product.Configure(product.Type, product.Options with { Releases = [.. product.Options.Releases ?? [], release] });
        await db.SaveChangesAsync();
        return (content, file);
    }

    private async Task<(HttpClient Customer, Guid LicenseId)> BuyAsync()
    {
        var customer = await _shop.CustomerAsync();
        var placed = await SandboxPurchases.CheckoutAsync(customer, new
        {
            product_slug = "sentinelscan",
            configuration = new { license_type = "professional", support_plan = "basic", updates = "1_year" },
        });
        await _shop.SubmitAsync(placed, "pay");
        var order = await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled");
        return (customer, Guid.Parse(order.GetProperty("items")[0].GetProperty("fulfillment").GetProperty("external_reference_id").GetString()!));
    }

    private static async Task<string> NewLinkAsync(HttpClient customer, Guid licenseId)
    {
        var response = await customer.PostAsJsonAsync($"/api/v1/me/licenses/{licenseId}/download-links", new { version = Version });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var link = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(FileName, link.GetProperty("file_name").GetString());
        return new Uri(link.GetProperty("url").GetString()!).AbsolutePath;
    }

    private async Task<int> DownloadsCountedAsync(string path)
    {
        var hash = DownloadToken.TryHash(path.Split('/').Last())!;
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<DownloadLink>().AsNoTracking()
            .Where(d => d.TokenHash == hash).Select(d => d.Downloads).SingleAsync();
    }

    [Fact]
    public async Task A_release_uploaded_to_the_bucket_downloads_through_a_link_with_the_right_bytes_and_sha256()
    {
        var (content, file) = await PublishReleaseAsync();
        Assert.Equal(content, _s3.Object(Bucket, Prefix + file.StoragePath));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.Sha256);
        Assert.Equal(content.Length, file.Size);

        var (customer, licenseId) = await BuyAsync();
        var path = await NewLinkAsync(customer, licenseId);
        using var browser = _shop.NewClient();
        using var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(content.Length, body.Length);
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(body)));
        Assert.Equal($"\"{file.Sha256}\"", response.Headers.ETag?.Tag);
        Assert.Equal(FileName, response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(1, await DownloadsCountedAsync(path));
        // The whole file came from the bucket in one streamed GET, not from the data directory.
        Assert.Single(_s3.Requests, r => r.Method == "GET" && r.Key == Prefix + file.StoragePath);
    }

    [Fact]
    public async Task A_range_request_answers_206_with_the_slice_fetched_as_a_range_from_the_bucket()
    {
        var (content, file) = await PublishReleaseAsync();
        var (customer, licenseId) = await BuyAsync();
        var path = await NewLinkAsync(customer, licenseId);
        using var browser = _shop.NewClient();

        using var first = await browser.GetAsync(path);
        Assert.Equal(content, await first.Content.ReadAsByteArrayAsync());
        using var resume = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Range = new RangeHeaderValue(123_456, 223_455) } });

        Assert.Equal(HttpStatusCode.PartialContent, resume.StatusCode);
        Assert.Equal($"bytes 123456-223455/{content.Length}", resume.Content.Headers.ContentRange?.ToString());
        Assert.Equal(content[123_456..223_456], await resume.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await DownloadsCountedAsync(path));
        Assert.Contains(_s3.Requests, r => r.Method == "GET" && r.Key == Prefix + file.StoragePath && r.Range?.StartsWith("bytes=123456-", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_release_missing_from_the_bucket_answers_503_and_costs_no_download()
    {
        var (_, file) = await PublishReleaseAsync();
        var (customer, licenseId) = await BuyAsync();
        var path = await NewLinkAsync(customer, licenseId);
        await using (var scope = _app.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<IFileStore>().DeleteAsync(file.StoragePath, CancellationToken.None));
        Assert.Null(_s3.Object(Bucket, Prefix + file.StoragePath));

        using var browser = _shop.NewClient();
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, await DownloadsCountedAsync(path));
    }

    [Fact]
    public async Task An_unreachable_bucket_answers_503_and_costs_no_download()
    {
        await PublishReleaseAsync();
        var (customer, licenseId) = await BuyAsync();
        var path = await NewLinkAsync(customer, licenseId);
        await _s3.DisposeAsync();

        using var browser = _shop.NewClient();
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, await DownloadsCountedAsync(path));
    }

    [Fact]
    public async Task The_store_saves_opens_seeks_and_deletes_objects_in_the_bucket()
    {
        var store = _app.Services.GetRequiredService<IFileStore>();
        Assert.IsType<S3FileStore>(store);
        var content = RandomNumberGenerator.GetBytes(200_000);
        var saved = await store.SaveAsync("attachments", new MemoryStream(content), CancellationToken.None);
        Assert.StartsWith("attachments/", saved.StoragePath);
        Assert.Equal(content, _s3.Object(Bucket, Prefix + saved.StoragePath));

        var opened = await store.OpenAsync(saved.StoragePath, CancellationToken.None);
        Assert.NotNull(opened);
        await using (opened.Content)
        {
            Assert.Equal(content.Length, opened.Length);
            Assert.True(opened.Content.CanSeek);
            opened.Content.Seek(150_000, SeekOrigin.Begin);
            var tail = new MemoryStream();
            await opened.Content.CopyToAsync(tail);
            Assert.Equal(content[150_000..], tail.ToArray());
        }

        Assert.Null(await store.OpenAsync("attachments/../../etc/passwd", CancellationToken.None));
        Assert.True(await store.DeleteAsync(saved.StoragePath, CancellationToken.None));
        Assert.Null(await store.OpenAsync(saved.StoragePath, CancellationToken.None));
        Assert.False(await store.DeleteAsync(saved.StoragePath, CancellationToken.None));
    }
}

public sealed class SqliteS3ReleaseStoreTests : S3ReleaseStoreTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection("postgres")]
public sealed class PostgresS3ReleaseStoreTests(PostgresCluster cluster) : S3ReleaseStoreTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
