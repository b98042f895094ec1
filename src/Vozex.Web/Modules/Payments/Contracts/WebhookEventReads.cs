using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Payments.Contracts;

/// <summary>A stored gateway webhook as the admin sees it (never its body or headers).</summary>
public sealed record WebhookEventSummary(
    long Id, string Gateway, string WebhookId, string EventType, string Status, string? Outcome, int Attempts, string? LastError, DateTimeOffset ReceivedAt);

/// <summary>A refund of an order as the admin sees it.</summary>
public sealed record RefundSummary(Guid Id, string Gateway, Money Amount, string Status, string Reason, string RequestedBy, IReadOnlyList<long> OrderItemIds,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>Read access to webhooks and refunds for the admin order detail and the admin home.</summary>
public interface IPaymentAdminReads
{
    /// <summary>Webhooks about the order (its payments and its refunds), oldest first.</summary>
    Task<IReadOnlyList<WebhookEventSummary>> WebhooksForOrderAsync(Guid orderId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RefundSummary>> RefundsForOrderAsync(Guid orderId, CancellationToken cancellationToken);

    /// <summary>Webhooks that failed for good or are waiting to retry after a failure.</summary>
    Task<int> FailingWebhookCountAsync(CancellationToken cancellationToken);

    /// <summary>The latest failing webhooks, newest first.</summary>
    Task<IReadOnlyList<WebhookEventSummary>> RecentFailingWebhooksAsync(int limit, CancellationToken cancellationToken);
}
