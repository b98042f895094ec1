using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Payments.Events;

/// <summary>The fields of a Dodo Payments <c>Payment</c> object that VOZEX acts on.</summary>
internal sealed record PaymentPayload(string PaymentId, long Amount, string Currency, Guid OrderId, string? ErrorMessage)
{
    public static PaymentPayload Read(JsonElement data)
    {
        var paymentId = data.GetProperty("payment_id").GetString() ?? throw new FormatException("payment_id is missing.");
        var amount = data.GetProperty("total_amount").GetInt64();
        var currency = data.GetProperty("currency").GetString() ?? throw new FormatException("currency is missing.");
        var orderId = Guid.Parse(data.GetProperty("metadata").GetProperty("order_id").GetString() ?? "");
        var error = data.TryGetProperty("error_message", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return new PaymentPayload(paymentId, amount, currency.ToUpperInvariant(), orderId, error);
    }
}

/// <summary>
/// <c>payment.succeeded</c>: records the payment once (unique per gateway payment id) and tells the order's
/// owner, which checks amount and currency and marks it paid, all in the inbox row's transaction.
/// </summary>
internal sealed class PaymentSucceededHandler(MarketplaceDbContext db, IOrderPaymentSink orders, TimeProvider time) : IWebhookEventHandler
{
    public string EventType => "payment.succeeded";

    public async Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken)
    {
        var payment = PaymentPayload.Read(data);
        if (await db.Set<PaymentRecord>().AnyAsync(p => p.Gateway == entry.Gateway && p.GatewayPaymentId == payment.PaymentId, cancellationToken))
            return "payment already recorded";

        var application = await orders.ApplyPaymentAsync(
            new PaymentConfirmed(entry.Gateway, payment.PaymentId, payment.OrderId, new Money(payment.Amount, payment.Currency), time.GetUtcNow()),
            cancellationToken);
        db.Set<PaymentRecord>().Add(new PaymentRecord
        {
            Gateway = entry.Gateway,
            GatewayPaymentId = payment.PaymentId,
            OrderId = payment.OrderId,
            Amount = payment.Amount,
            Currency = payment.Currency,
            Status = "succeeded",
            Application = Platform.Http.HttpPlatform.NamingPolicy.ConvertName(application.ToString()),
            CreatedAt = time.GetUtcNow(),
        });
        return $"payment {Platform.Http.HttpPlatform.NamingPolicy.ConvertName(application.ToString())}";
    }
}

/// <summary><c>payment.failed</c>: the order's owner decides whether the order is now <c>payment_failed</c>.</summary>
internal sealed class PaymentFailedHandler(IOrderPaymentSink orders, TimeProvider time) : IWebhookEventHandler
{
    public string EventType => "payment.failed";

    public async Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken)
    {
        var payment = PaymentPayload.Read(data);
        await orders.ApplyDeclineAsync(new PaymentDeclined(entry.Gateway, payment.PaymentId, payment.OrderId, payment.ErrorMessage, time.GetUtcNow()), cancellationToken);
        return "decline applied";
    }
}
