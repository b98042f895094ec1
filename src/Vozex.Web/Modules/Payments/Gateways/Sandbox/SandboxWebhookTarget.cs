using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Vozex.Web.Modules.Payments.Gateways.Sandbox;

/// <summary>
/// Where the sandbox delivers webhooks when Vozex:Payments:Sandbox:WebhookUrl is unset: this app's own
/// /webhooks/sandbox, at the host of the current request, else at the first address the server listens on.
/// </summary>
internal sealed class SandboxWebhookTarget(SandboxSettings settings, IHttpContextAccessor http, IServer server)
{
    public string Url
    {
        get
        {
            if (settings.WebhookUrl is { } configured) return configured;
            if (http.HttpContext?.Request is { } request) return $"{request.Scheme}://{request.Host}/webhooks/sandbox";
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Set Vozex:Payments:Sandbox:WebhookUrl: the server has no address to send sandbox webhooks to.");
            return address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/') + "/webhooks/sandbox";
        }
    }
}
