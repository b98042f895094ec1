using System.Text.Json;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Modules.Notifications.Templates;
using Vozex.Web.Platform;

namespace Vozex.UnitTests.Notifications;

public sealed class SubscriptionMailTests
{
    private static readonly Uri Site = new("https://shop.vozex.test/");
    private static Money Usd(long amount) => new(amount, "USD");

    private static async Task<RenderedMail> RenderAsync<TMail>(TMail mail) where TMail : class, IMail
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await MailCatalog.Default.For(typeof(TMail)).Render(JsonSerializer.Serialize(mail, MailJson.Options), Site, renderer);
    }

    [Fact]
    public async Task The_renewal_receipt_shows_the_order_lines_total_paid_until_and_next_renewal_in_both_parts()
    {
        var orderId = Guid.Parse("0196b1e4-2222-7000-8000-000000000002");
        var mail = new SubscriptionReceiptMail(new MailRecipient("ada@example.com", "Ada"), "HarborStay Hotel PMS", "harbor.localhost", "Renewal",
            orderId, "VZX-RENEW-00001", [new MailPriceLine("Professional plan × 1 month", Usd(19_900)), new MailPriceLine("Guest Messaging add-on × 1 month", Usd(1_900))],
            Usd(21_800), new DateTimeOffset(2026, 12, 29, 10, 0, 0, TimeSpan.Zero), Usd(21_800), new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        var rendered = await RenderAsync(mail);
        Assert.Contains("VZX-RENEW-00001", rendered.Subject, StringComparison.Ordinal);
        foreach (var part in new[] { rendered.Text, System.Net.WebUtility.HtmlDecode(rendered.Html) })
        {
            Assert.Contains("Guest Messaging add-on × 1 month", part, StringComparison.Ordinal);
            Assert.Contains("$218", part, StringComparison.Ordinal);
            Assert.Contains("December 29, 2026", part, StringComparison.Ordinal);
            Assert.Contains($"https://shop.vozex.test/orders/{orderId}", part, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_subscription_notice_gives_the_headline_detail_amount_and_link_to_the_subscription()
    {
        var tenantId = Guid.Parse("0196b1e4-3333-7000-8000-000000000003");
        var mail = new SubscriptionNoticeMail(new MailRecipient("ada@example.com", null), "renewal_failed", "HarborStay Hotel PMS", "harbor.localhost",
            "Your renewal payment failed", "We try again on December 2, 2026.", Usd(19_900), new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero),
            $"/account/tenants/{tenantId}/subscription");
        var rendered = await RenderAsync(mail);
        Assert.Equal("HarborStay Hotel PMS: Your renewal payment failed", rendered.Subject);
        foreach (var part in new[] { rendered.Text, System.Net.WebUtility.HtmlDecode(rendered.Html) })
        {
            Assert.Contains("We try again on December 2, 2026.", part, StringComparison.Ordinal);
            Assert.Contains("$199", part, StringComparison.Ordinal);
            Assert.Contains($"https://shop.vozex.test/account/tenants/{tenantId}/subscription", part, StringComparison.Ordinal);
        }
    }
}
