using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Notifications.Outbox;
using Vozex.Web.Modules.Notifications.Templates;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Notifications.Sending;

/// <summary>
/// Sends one outbox row. Rendering happens here, not at enqueue time, so a template bug delays a mail (the row retries
/// and an administrator sees its error) instead of failing the payment whose transaction wrote the row.
/// The row is marked sent by the runner in the commit that ends this handler; for the local mailbox that same commit
/// stores the message.
/// </summary>
internal sealed partial class MailSender(
    IMailTransport transport,
    MailRendering rendering,
    IOptions<MailOptions> options,
    TimeProvider time,
    ILogger<MailSender> logger) : ILeasedWorkHandler<OutboxMail>
{
    public async Task HandleAsync(OutboxMail work, CancellationToken cancellationToken)
    {
        var kind = MailCatalog.Default.For(work.Kind);
        var rendered = await rendering.RenderAsync(kind, work.Payload);
        var outgoing = new OutgoingMail(work.Id, work.Kind, work.MessageId, options.Value.Smtp.From, work.ToEmail, work.ToName,
            rendered.Subject, rendered.Text, rendered.Html);

        var via = await transport.DeliverAsync(outgoing, cancellationToken);

        work.SentAt = time.GetUtcNow();
        work.DeliveredVia = via;
        work.Subject = Truncate(rendered.Subject, 500);
        // A reset link (or, later, a key) has no business staying in the outbox once it reached the mailbox or the server.
        if (work.Sensitive) work.Payload = OutboxMail.RedactedPayload;
        LogSent(logger, work.Id, work.Kind, via, work.Attempts);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    // Neither the recipient nor anything of the content: the content may carry a secret, and the id finds the rest.
    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {OutboxId} ({Kind}) delivered via {Transport} on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, long outboxId, string kind, string transport, int attempt);
}

/// <summary>Renders a stored mail with its catalog templates; the HTML part through Blazor's <see cref="HtmlRenderer"/>.</summary>
internal sealed class MailRendering(IServiceProvider services, ILoggerFactory loggers, MailSite site)
{
    public async Task<RenderedMail> RenderAsync(MailKind kind, string payload)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await kind.Render(payload, site.BaseUrl, renderer);
    }
}

/// <summary>The public address links in mail point to: <c>Vozex:Mail:SiteUrl</c>, else the first address the server listens on.</summary>
internal sealed class MailSite(IOptions<MailOptions> options, IServer server)
{
    public Uri BaseUrl
    {
        get
        {
            if (options.Value.SiteUrl is { } configured) return WithSlash(configured);
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null) return new Uri("http://localhost/");
            var local = address.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
            return Uri.TryCreate(local, UriKind.Absolute, out var uri) ? WithSlash(uri) : new Uri("http://localhost/");
        }
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
