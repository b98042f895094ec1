using System.Text.Json;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Payments.Inbox;

/// <summary>One class per event type; it runs inside the inbox row's unit of work.</summary>
public interface IWebhookEventHandler
{
    /// <summary>The event type as the gateway names it, e.g. <c>payment.succeeded</c> (Dodo, sandbox) or <c>PAYMENT.CAPTURE.COMPLETED</c> (PayPal).</summary>
    string EventType { get; }

    /// <summary>Returns a short outcome to keep on the inbox row.</summary>
    Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken);
}

/// <summary>Dispatches an inbox row to the handler of its event type; unknown types are kept and marked as such.</summary>
internal sealed class InboxProcessor(IEnumerable<IWebhookEventHandler> handlers) : ILeasedWorkHandler<WebhookInboxEntry>
{
    public async Task HandleAsync(WebhookInboxEntry work, CancellationToken cancellationToken)
    {
        var handler = handlers.FirstOrDefault(h => h.EventType == work.EventType);
        if (handler is null)
        {
            work.Outcome = "no handler for this event type";
            return;
        }
        using var json = JsonDocument.Parse(work.Body);
        // Dodo Payments and the sandbox put the resource under "data", PayPal under "resource".
        var data = json.RootElement.TryGetProperty("data", out var d) ? d.Clone()
            : json.RootElement.TryGetProperty("resource", out var r) ? r.Clone() : default;
        // The handler shares the runner's DbContext, so its changes commit with the row's new status.
        work.Outcome = await handler.HandleAsync(work, data, cancellationToken);
    }
}
