using Microsoft.AspNetCore.Http;
using Vozex.Web.Modules.Licensing.Downloads;
using Vozex.Web.Platform.Files;

namespace Vozex.UnitTests.Licensing;

public sealed class FileStoreRulesTests
{
    [Theory]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true)] // what browsers send
    [InlineData("text/html", true)]
    [InlineData("application/json", false)]
    [InlineData("application/problem+json, text/html", false)]
    [InlineData("*/*", false)] // curl, wget, download managers
    [InlineData(null, false)]
    public void A_refused_download_is_a_plain_sentence_only_for_a_browser(string? accept, bool page)
    {
        var http = new DefaultHttpContext();
        if (accept is not null) http.Request.Headers.Accept = accept;
        Assert.Equal(page, DownloadEndpoint.WantsPage(http.Request));
    }

    [Fact]
    public void An_s3_store_needs_endpoint_bucket_and_both_keys()
    {
        Assert.Equal(["ServiceUrl", "Bucket", "AccessKey", "SecretKey"], new S3StoreOptions().Missing());
        Assert.Equal(["ServiceUrl"], new S3StoreOptions { ServiceUrl = "not a url", Bucket = "b", AccessKey = "a", SecretKey = "s" }.Missing());
        Assert.Empty(new S3StoreOptions { ServiceUrl = "http://127.0.0.1:9000", Bucket = "b", AccessKey = "a", SecretKey = "s" }.Missing());
    }

    [Fact]
    public void Keys_are_area_month_and_128_random_bits_and_areas_are_lower_case_words()
    {
        var key = FileKeys.New("releases", new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc));
        Assert.Matches("^releases/2026/11/[0-9a-f]{32}$", key);
        Assert.NotEqual(key, FileKeys.New("releases", new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Throws<ArgumentException>(() => FileKeys.New("../etc", DateTime.UtcNow));
        Assert.Throws<ArgumentException>(() => FileKeys.New("", DateTime.UtcNow));
    }
}
