using System.Text.Json;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Modules.Notifications.Templates;

namespace Vozex.UnitTests.Notifications;

public sealed class LicenseIssuedMailTests
{
    private static readonly Uri Site = new("https://shop.vozex.test/");

    private static readonly LicenseIssuedMail Mail = new(
        new MailRecipient("ada@example.com", "Ada Lovelace"), "Ada Lovelace", Guid.Parse("0196b1e4-1111-7000-8000-000000000001"), "VZX-ABCDE-12345",
        "SentinelScan", "Standard", "VZX-7K2QH-M9XWA-3TRDC-8NPVG-B4YZE-6J1AB", null,
        "/download/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "sentinelscan-6.3.1-linux-x64.tar.gz",
        new DateTimeOffset(2026, 11, 30, 10, 30, 0, TimeSpan.Zero), 5);

    private static async Task<RenderedMail> RenderAsync(LicenseIssuedMail mail)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var kind = MailCatalog.Default.For(typeof(LicenseIssuedMail));
        return await kind.Render(JsonSerializer.Serialize(mail, MailJson.Options), Site, renderer);
    }

    [Fact]
    public async Task The_license_mail_carries_the_key_the_first_link_on_the_site_and_its_limits_in_both_parts()
    {
        var mail = await RenderAsync(Mail);
        Assert.Equal("Your SentinelScan license key (order VZX-ABCDE-12345)", mail.Subject);
        foreach (var part in new[] { mail.Text, mail.Html })
        {
            Assert.Contains("Hello Ada Lovelace,", part);
            Assert.Contains("VZX-7K2QH-M9XWA-3TRDC-8NPVG-B4YZE-6J1AB", part);
            Assert.Contains("https://shop.vozex.test/download/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", part);
            Assert.Contains("5 times until November 30, 2026 10:30 UTC", part);
            Assert.Contains("lifetime", part);
            Assert.Contains("https://shop.vozex.test/account/licenses", part);
        }
    }

    [Fact]
    public async Task A_license_mail_without_a_release_has_no_download_link_and_says_until_when_updates_run()
    {
        var mail = await RenderAsync(Mail with { DownloadPath = null, DownloadFileName = null, DownloadExpiresAt = null, MaxDownloads = null,
            UpdatesUntil = new DateTimeOffset(2027, 11, 29, 10, 30, 0, TimeSpan.Zero) });
        foreach (var part in new[] { mail.Text, mail.Html })
        {
            Assert.DoesNotContain("/download/", part);
            Assert.Contains("until November 29, 2027 10:30 UTC", part);
        }
    }

    [Fact]
    public void The_license_mail_is_sensitive_so_the_outbox_drops_the_key_once_delivered() =>
        Assert.True(MailCatalog.Default.For(typeof(LicenseIssuedMail)).Sensitive);
}
