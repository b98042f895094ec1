using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Notifications.Outbox;

/// <summary>
/// A mail waiting to be sent, written in the transaction of the event that caused it and sent by a leased runner.
/// The Message-Id is chosen here, once, so every attempt sends the same message and receivers can drop a repeat.
/// </summary>
internal sealed class OutboxMail : QueuedWork<OutboxMail>
{
    /// <summary>The catalog name of the mail (<c>order_confirmation</c>), which picks the record type and the template.</summary>
    public required string Kind { get; init; }

    /// <summary>Globally unique, without angle brackets: <c>{guid}@vozex</c>.</summary>
    public required string MessageId { get; init; }

    public required string ToEmail { get; init; }
    public string? ToName { get; init; }

    /// <summary>The mail record as JSON. Emptied after delivery for kinds that carry secrets (reset links, keys).</summary>
    public required string Payload { get; set; }

    public bool Sensitive { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the server (or the local mailbox) accepted it; written in the same commit as the Done status.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary><c>smtp</c> or <c>mailbox</c>.</summary>
    public string? DeliveredVia { get; set; }

    public string? Subject { get; set; }

    public const string RedactedPayload = "{}";
}
