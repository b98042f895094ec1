using System.Text.Json;
using Vozex.Web.Modules.Payments.Events;
using Vozex.Web.Modules.Payments.Inbox;

namespace Vozex.Web.Modules.Payments.Gateways.PayPal;

/// <summary><c>CHECKOUT.ORDER.APPROVED</c>: not paid yet; VOZEX captures now, unless the buyer's return already did (same PayPal-Request-Id).</summary>
internal sealed class PayPalOrderApprovedHandler(PayPalGateway gateway) : IWebhookEventHandler
{
    public string EventType => "CHECKOUT.ORDER.APPROVED";

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken) =>
        gateway.CaptureAndApplyAsync(data.Str("id") ?? throw new FormatException("The order id is missing."), cancellationToken);
}

/// <summary><c>PAYMENT.CAPTURE.COMPLETED</c>: money captured (also after a PENDING capture clears).</summary>
internal sealed class PayPalCaptureCompletedHandler(PaymentApplier applier) : IWebhookEventHandler
{
    public string EventType => "PAYMENT.CAPTURE.COMPLETED";

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken)
    {
        if (data.Str("status") != "COMPLETED") return Task.FromResult($"capture is {data.Str("status")}; nothing to do");
        var amount = data.Obj("amount");
        return applier.ConfirmAsync(entry.Gateway, data.Str("id") ?? throw new FormatException("The capture id is missing."),
            data.GuidOf("custom_id") ?? throw new FormatException("custom_id (the VOZEX order id) is missing."),
            PayPalAmounts.Parse(amount.Str("value")!, amount.Str("currency_code")!), cancellationToken);
    }
}

/// <summary><c>PAYMENT.CAPTURE.DENIED</c> and <c>PAYMENT.CAPTURE.DECLINED</c> (PayPal's tables use both names).</summary>
internal sealed class PayPalCaptureDeniedHandler(PaymentApplier applier, string eventType) : IWebhookEventHandler
{
    public string EventType => eventType;

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken) =>
        applier.DeclineAsync(entry.Gateway, data.Str("id"), data.GuidOf("custom_id") ?? throw new FormatException("custom_id is missing."),
            $"PayPal capture {data.Str("status")?.ToLowerInvariant() ?? "denied"}", cancellationToken);
}

/// <summary><c>PAYMENT.CAPTURE.REFUNDED</c>: the resource is the refund; its custom_id is our refund id, its "up" link the capture.</summary>
internal sealed class PayPalCaptureRefundedHandler(PaymentApplier applier) : IWebhookEventHandler
{
    public string EventType => "PAYMENT.CAPTURE.REFUNDED";

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken)
    {
        var amount = data.Obj("amount");
        string? captureId = null;
        if (data.Obj("links") is { ValueKind: JsonValueKind.Array } links)
            captureId = links.EnumerateArray().Where(l => l.Str("rel") == "up").Select(l => l.Str("href")?.Split('/')[^1]).FirstOrDefault();
        captureId ??= data.Obj("supplementary_data").Obj("related_ids").Str("capture_id");
        return applier.RefundSucceededAsync(entry.Gateway, data.Str("id") ?? throw new FormatException("The refund id is missing."), captureId,
            data.GuidOf("custom_id"), PayPalAmounts.Parse(amount.Str("value")!, amount.Str("currency_code")!), data.Str("note_to_payer"), cancellationToken);
    }
}

/// <summary>
/// <c>PAYMENT.SALE.REFUNDED</c>: a refund of a subscription's charge (a v1 sale): <c>id</c>, <c>sale_id</c> and
/// <c>amount{total, currency}</c>. Completes a refund PayPal first answered as pending, or records one made in PayPal's
/// dashboard, like the capture refund event does for one-time payments.
/// </summary>
internal sealed class PayPalSaleRefundedHandler(PaymentApplier applier) : IWebhookEventHandler
{
    public string EventType => "PAYMENT.SALE.REFUNDED";

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken)
    {
        var amount = data.Obj("amount");
        return applier.RefundSucceededAsync(entry.Gateway, data.Str("id") ?? throw new FormatException("The refund id is missing."),
            data.Str("sale_id") ?? throw new FormatException("sale_id is missing."), null,
            PayPalAmounts.Parse(amount.Str("total") ?? throw new FormatException("amount.total is missing."), amount.Str("currency")!),
            data.Str("description") ?? data.Str("reason"), cancellationToken);
    }
}

/// <summary><c>CUSTOMER.DISPUTE.CREATED</c>: recorded against the disputed capture's order.</summary>
internal sealed class PayPalDisputeCreatedHandler(PaymentApplier applier) : IWebhookEventHandler
{
    public string EventType => "CUSTOMER.DISPUTE.CREATED";

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken)
    {
        var transaction = data.Obj("disputed_transactions") is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0 ? list[0] : default;
        var amount = data.Obj("dispute_amount");
        return applier.DisputeOpenedAsync(entry.Gateway, data.Str("dispute_id") ?? throw new FormatException("dispute_id is missing."),
            transaction.Str("seller_transaction_id"), amount.Str("value"), amount.Str("currency_code"), data.Str("status"), data.Str("reason"), cancellationToken);
    }
}
