using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vozex.Web.Modules.Notifications;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Modules.Notifications.Templates;
using Vozex.Web.Platform;

namespace Vozex.UnitTests.Notifications;

public sealed class MailTemplateTests
{
    private static readonly Uri Site = new("https://shop.vozex.test/");
    private static Money Usd(long amount) => new(amount, "USD");

    private static readonly OrderConfirmationMail Order = new(
        new MailRecipient("ada@example.com", "Ada Lovelace"),
        Guid.Parse("0196b1e4-1111-7000-8000-000000000001"),
        "VZX-ABCDE-12345",
        "Ada Lovelace",
        [
            new MailOrderItem("HarborStay Hotel PMS", "hotel_pms", "harbor", [new MailPriceLine("Professional plan, annual", Usd(120_000)), new MailPriceLine("Channel manager", Usd(24_000))],
                Usd(14_400), Usd(129_600), "annual", Usd(144_000)),
            new MailOrderItem("SentinelScan", "security_tool", null, [new MailPriceLine("Standard license", Usd(49_900))], Usd(0), Usd(49_900), null, null),
        ],
        Usd(193_900), Usd(14_400), Usd(179_500), new DateTimeOffset(2026, 11, 29, 10, 30, 0, TimeSpan.Zero));

    private static async Task<RenderedMail> RenderAsync<TMail>(TMail mail) where TMail : class, IMail
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var kind = MailCatalog.Default.For(typeof(TMail));
        // Through JSON, as the sender does: what is rendered is what the outbox row stores.
        return await kind.Render(JsonSerializer.Serialize(mail, MailJson.Options), Site, renderer);
    }

    [Fact]
    public async Task The_order_confirmation_shows_the_number_customer_items_price_lines_totals_and_order_link_in_both_parts()
    {
        var mail = await RenderAsync(Order);

        Assert.Equal("Your VOZEX order VZX-ABCDE-12345 is confirmed", mail.Subject);
        foreach (var part in new[] { mail.Text, mail.Html })
        {
            Assert.Contains("Hello Ada Lovelace,", part);
            Assert.Contains("VZX-ABCDE-12345", part);
            Assert.Contains("HarborStay Hotel PMS (harbor)", part);
            Assert.Contains("SentinelScan", part);
            Assert.Contains("Professional plan, annual", part);
            Assert.Contains("$1,200", part);
            Assert.Contains("$240", part);
            Assert.Contains("-$144", part);
            Assert.Contains("$1,296", part);
            Assert.Contains("$1,440", part);
            Assert.Contains("$499", part);
            Assert.Contains("$1,939", part);
            Assert.Contains("$1,795", part);
            Assert.Contains("November 29, 2026 10:30 UTC", part);
        }
        Assert.Contains("  Professional plan, annual: $1,200", mail.Text);
        Assert.Contains("Total paid: $1,795", mail.Text);
        Assert.Contains("Follow your order: https://shop.vozex.test/orders/0196b1e4-1111-7000-8000-000000000001", mail.Text);
        Assert.Contains("href=\"https://shop.vozex.test/orders/0196b1e4-1111-7000-8000-000000000001\"", mail.Html);
        Assert.StartsWith("<!DOCTYPE html>", mail.Html);
    }

    [Fact]
    public async Task Customer_and_product_text_is_html_encoded_in_the_html_part_and_left_as_is_in_the_text_part()
    {
        var hostile = Order with
        {
            CustomerName = "<script>alert(1)</script>",
            Items = [Order.Items[1] with { ProductName = "Scan & \"Fix\" <b>Pro</b>" }],
        };
        var mail = await RenderAsync(hostile);

        Assert.DoesNotContain("<script>", mail.Html);
        Assert.DoesNotContain("<b>Pro</b>", mail.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", mail.Html);
        Assert.Contains("Scan &amp; &quot;Fix&quot; &lt;b&gt;Pro&lt;/b&gt;", mail.Html);
        Assert.Contains("Hello <script>alert(1)</script>,", mail.Text);
        Assert.Contains("Scan & \"Fix\" <b>Pro</b>", mail.Text);
    }

    [Fact]
    public async Task The_payment_failure_mail_gives_the_reason_the_products_and_the_link_to_pay_again()
    {
        var mail = await RenderAsync(new PaymentFailedMail(new MailRecipient("ada@example.com", "Ada"), Order.OrderId, "VZX-ABCDE-12345", "Ada",
            ["HarborStay Hotel PMS", "SentinelScan"], Usd(179_500), "Card declined by the issuer"));

        Assert.Equal("The payment for your VOZEX order VZX-ABCDE-12345 did not go through", mail.Subject);
        Assert.Contains("The payment of $1,795 for order VZX-ABCDE-12345 was declined: Card declined by the issuer.", mail.Text);
        Assert.Contains("https://shop.vozex.test/orders/0196b1e4-1111-7000-8000-000000000001", mail.Text);
        Assert.Contains("  SentinelScan", mail.Text);
        Assert.Contains("<li>HarborStay Hotel PMS</li>", mail.Html);
        Assert.Contains("Card declined by the issuer", mail.Html);
        Assert.Contains("Try paying again", mail.Html);
    }

    [Fact]
    public async Task A_decline_without_a_reason_still_reads_as_a_sentence()
    {
        var mail = await RenderAsync(new PaymentFailedMail(new MailRecipient("ada@example.com", null), Order.OrderId, "VZX-ABCDE-12345", "", ["SentinelScan"], Usd(49_900), null));

        Assert.Contains("Hello,", mail.Text);
        Assert.Contains("for order VZX-ABCDE-12345 was declined.", mail.Text);
    }

    [Fact]
    public async Task The_password_reset_mail_carries_the_link_and_how_long_it_works()
    {
        var link = new Uri("https://shop.vozex.test/account/reset-password?email=ada%40example.com&code=Q2ZESjh_secret");
        var mail = await RenderAsync(new PasswordResetMail(new MailRecipient("ada@example.com", "Ada"), "Ada", link, TimeSpan.FromHours(24)));

        Assert.Equal("Reset your VOZEX password", mail.Subject);
        Assert.Contains(link.ToString(), mail.Text);
        Assert.Contains("for 24 hours", mail.Text);
        Assert.Contains("href=\"https://shop.vozex.test/account/reset-password?email=ada%40example.com&amp;code=Q2ZESjh_secret\"", mail.Html);
    }

    [Fact]
    public async Task A_service_order_update_names_the_order_what_happened_the_detail_and_the_recipients_own_page()
    {
        var mail = await RenderAsync(new ServiceOrderUpdateMail(new MailRecipient("dana@example.com", "Dana"), "Dana", "VZX-ABCDE-12345",
            "BrandCraft Logo & Identity", "A revision was requested", "Warmer colours, please.", "/provider/orders/0196b1e4-1111-7000-8000-000000000001"));

        Assert.Equal("BrandCraft Logo & Identity (VZX-ABCDE-12345): A revision was requested", mail.Subject);
        Assert.Contains("Warmer colours, please.", mail.Text);
        Assert.Contains("https://shop.vozex.test/provider/orders/0196b1e4-1111-7000-8000-000000000001", mail.Text);
        Assert.Contains("BrandCraft Logo &amp; Identity", mail.Html);
        Assert.Contains("href=\"https://shop.vozex.test/provider/orders/0196b1e4-1111-7000-8000-000000000001\"", mail.Html);
    }

    [Fact]
    public async Task The_tenant_credentials_mail_carries_the_admin_url_username_and_temporary_password()
    {
        var tenantId = Guid.NewGuid();
        var mail = await RenderAsync(new TenantCredentialsMail(new MailRecipient("ada@example.com", null), tenantId, "HarborStay Hotel PMS",
            "ada.localhost", new Uri("http://ada.localhost:5000/admin"), "admin", "abcdef-ghijkm-npqrst-uvwxyz", TimeSpan.FromDays(7)));

        Assert.Equal("Your HarborStay Hotel PMS is ready", mail.Subject);
        Assert.Contains("http://ada.localhost:5000/admin", mail.Text);
        Assert.Contains("Temporary password: abcdef-ghijkm-npqrst-uvwxyz", mail.Text);
        Assert.Contains(tenantId.ToString(), mail.Text);
        Assert.Contains("7 days", mail.Text);
        Assert.Contains("<code>abcdef-ghijkm-npqrst-uvwxyz</code>", mail.Html);
        Assert.DoesNotContain("abcdef", new TenantCredentialsMail(new MailRecipient("a@b.c", null), tenantId, "P", "d", new Uri("http://d/admin"), "admin",
            "abcdef-secret", TimeSpan.FromDays(7)).ToString());
    }

    [Fact]
    public void Every_mail_record_in_the_contracts_has_exactly_one_catalog_entry_and_only_secret_bearing_kinds_are_sensitive()
    {
        var mailTypes = typeof(IMail).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(IMail).IsAssignableFrom(t)).ToList();
        Assert.Equal(mailTypes.OrderBy(t => t.Name), MailCatalog.Default.Kinds.Select(k => k.MailType).OrderBy(t => t.Name));
        Assert.Equal(["license_issued", "password_reset", "tenant_credentials"], MailCatalog.Default.Kinds.Where(k => k.Sensitive).Select(k => k.Name).Order());
        Assert.All(MailCatalog.Default.Kinds, k => Assert.Matches("^[a-z]+(_[a-z]+)*$", k.Name));
    }

    [Theory]
    [InlineData(null, null, null, null, true)]
    [InlineData("smtp.example.com", "587", null, null, true)]
    [InlineData("smtp.example.com", "0", null, null, false)]
    [InlineData("smtp.example.com", "587", "user", null, false)]
    [InlineData("smtp.example.com", "587", "user", "secret", true)]
    public void Smtp_options_are_checked_only_when_a_host_is_set(string? host, string? port, string? user, string? password, bool valid)
    {
        var options = new MailOptions { Smtp = { Host = host, Port = int.Parse(port ?? "587", System.Globalization.CultureInfo.InvariantCulture), UserName = user, Password = password } };
        Assert.Equal(valid, IsValid(options));
    }

    [Fact]
    public void A_from_address_that_is_not_an_address_and_sender_settings_out_of_range_are_refused()
    {
        Assert.False(IsValid(new MailOptions { Smtp = { From = "not an address" } }));
        Assert.False(IsValid(new MailOptions { Sender = { MaxAttempts = 0 } }));
        Assert.False(IsValid(new MailOptions { SiteUrl = new Uri("ftp://example.com/") }));
        Assert.True(IsValid(new MailOptions { SiteUrl = new Uri("https://shop.example.com/") }));
    }

    private static bool IsValid(MailOptions options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);
}
