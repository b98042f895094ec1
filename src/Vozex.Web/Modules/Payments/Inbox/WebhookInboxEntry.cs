using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Payments.Inbox;

/// <summary>
/// A verified webhook, stored before the gateway gets its 2xx and processed later by a leased runner.
/// Unique on (gateway, webhook id): a redelivery is acknowledged and changes nothing.
/// </summary>
public sealed class WebhookInboxEntry : QueuedWork<WebhookInboxEntry>
{
    public required string Gateway { get; init; }
    public required string WebhookId { get; init; }
    public required string EventType { get; init; }
    public required string Body { get; init; }
    public required string Headers { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>What the processor did with it: a handler ran, or no handler exists for the type.</summary>
    public string? Outcome { get; set; }

    /// <summary>When reconciliation asked the gateway about the order of this (failed) entry; it asks once per failure.</summary>
    public DateTimeOffset? ReconciledAt { get; set; }
}
