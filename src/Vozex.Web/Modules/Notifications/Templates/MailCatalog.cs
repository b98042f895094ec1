using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Vozex.Web.Modules.Notifications.Contracts;

namespace Vozex.Web.Modules.Notifications.Templates;

/// <summary>
/// Every mail VOZEX sends, in one list. To add one (a driver's "your tenant is ready", say):
/// <list type="number">
/// <item>a record implementing <see cref="IMail"/> in <c>Notifications/Contracts/Mails.cs</c> with the facts the mail shows;</item>
/// <item>a plain-text template: a class implementing <see cref="IMailTemplate{TMail}"/> (subject and text) in this folder;</item>
/// <item>an HTML template: a Razor component in this folder with <c>[Parameter] Mail</c> and <c>[Parameter] Site</c>, wrapped in <c>MailLayout</c>;</item>
/// <item>a line below with a stable snake_case kind name (stored on outbox rows: never rename one that has been sent),
///   and <c>sensitive: true</c> when the mail carries a secret (a password, a key, a sign-in link);</item>
/// <item>a unit test in <c>tests/Vozex.UnitTests/Notifications</c> rendering both parts.</item>
/// </list>
/// The owning module then calls <c>IMailOutbox.Enqueue(new YourMail(...))</c> inside the unit of work of the event.
/// </summary>
internal sealed class MailCatalog
{
    public static MailCatalog Default { get; } = new MailCatalog()
        .Add<OrderConfirmationMail, OrderConfirmationTemplate, OrderConfirmationHtml>("order_confirmation")
        .Add<PaymentFailedMail, PaymentFailedTemplate, PaymentFailedHtml>("payment_failed")
        .Add<PasswordResetMail, PasswordResetTemplate, PasswordResetHtml>("password_reset", sensitive: true)
        .Add<ServiceOrderUpdateMail, ServiceOrderUpdateTemplate, ServiceOrderUpdateHtml>("service_order_update")
        .Add<TenantCredentialsMail, TenantCredentialsTemplate, TenantCredentialsHtml>("tenant_credentials", sensitive: true)
        .Add<LicenseIssuedMail, LicenseIssuedTemplate, LicenseIssuedHtml>("license_issued", sensitive: true)
        .Add<SubscriptionReceiptMail, SubscriptionReceiptTemplate, SubscriptionReceiptHtml>("subscription_receipt")
        .Add<SubscriptionNoticeMail, SubscriptionNoticeTemplate, SubscriptionNoticeHtml>("subscription_notice");

    private readonly Dictionary<string, MailKind> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, MailKind> _byType = [];

    public IReadOnlyCollection<MailKind> Kinds => _byName.Values;

    public MailKind For(Type mailType) =>
        _byType.GetValueOrDefault(mailType) ?? throw new InvalidOperationException($"{mailType.Name} has no template in the mail catalog.");

    public MailKind For(string kind) =>
        _byName.GetValueOrDefault(kind) ?? throw new InvalidOperationException($"No mail of kind '{kind}' is in the catalog.");

    private MailCatalog Add<TMail, TTemplate, THtml>(string kind, bool sensitive = false)
        where TMail : class, IMail
        where TTemplate : IMailTemplate<TMail>, new()
        where THtml : IComponent
    {
        var template = new TTemplate();
        var entry = new MailKind(kind, typeof(TMail), sensitive, async (payload, site, renderer) =>
        {
            var mail = JsonSerializer.Deserialize<TMail>(payload, MailJson.Options)
                ?? throw new InvalidOperationException($"The {kind} payload is empty.");
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<THtml>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    ["Mail"] = mail,
                    ["Site"] = site,
                }));
                return output.ToHtmlString();
            });
            return new RenderedMail(template.Subject(mail), template.Text(mail, site), html);
        });
        _byName.Add(kind, entry);
        _byType.Add(typeof(TMail), entry);
        return this;
    }
}

/// <summary>One kind of mail: its record type, whether it carries secrets, and how to render a stored payload.</summary>
internal sealed record MailKind(string Name, Type MailType, bool Sensitive, Func<string, Uri, HtmlRenderer, Task<RenderedMail>> Render);

internal sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>The subject and plain-text part of one kind of mail. Plain C#, so nothing is HTML-encoded by accident.</summary>
internal interface IMailTemplate<in TMail> where TMail : IMail
{
    string Subject(TMail mail);

    /// <param name="site">The site's public base address, for links.</param>
    string Text(TMail mail, Uri site);
}

internal static class MailJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

/// <summary>Links and formats shared by the text and HTML templates, so both parts of a mail say the same thing.</summary>
internal static class MailFormat
{
    public static Uri OrderLink(Uri site, Guid orderId) => new(site, $"orders/{orderId}");

    public static Uri SiteLink(Uri site, string path) => new(site, path.TrimStart('/'));

    public static string Date(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("MMMM d, yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Hours(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{span.TotalMinutes:0} minutes";

    public static string Greeting(string name) => string.IsNullOrWhiteSpace(name) ? "Hello," : $"Hello {name},";
}
