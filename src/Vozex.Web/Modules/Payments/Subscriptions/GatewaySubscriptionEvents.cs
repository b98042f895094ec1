using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Events;
using Vozex.Web.Modules.Payments.Gateways;
using Vozex.Web.Modules.Payments.Gateways.DodoPayments;
using Vozex.Web.Modules.Payments.Gateways.PayPal;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Payments.Subscriptions;

/// <summary>
/// What the gateways say about the subscriptions they keep, turned into calls of the subscriptions module's sink. The
/// payment behind a renewal is recorded once per gateway payment id (a redelivered or repeated report finds it and changes
/// nothing); the first payment of a subscription pays the order that started it, every later one is a renewal.
/// Nothing is saved here: the inbox row's unit of work commits it all.
/// </summary>
internal sealed class GatewaySubscriptionEvents(MarketplaceDbContext db, PaymentApplier applier, IGatewaySubscriptionSink sink, TimeProvider time)
{
    public async Task<Guid?> OrderOfAsync(string gateway, string subscriptionId, CancellationToken cancellationToken) =>
        db.Set<GatewaySubscriptionLink>().Local.FirstOrDefault(l => l.Gateway == gateway && l.GatewaySubscriptionId == subscriptionId)?.OrderId
        ?? await db.Set<GatewaySubscriptionLink>().AsNoTracking().Where(l => l.Gateway == gateway && l.GatewaySubscriptionId == subscriptionId)
            .Select(l => (Guid?)l.OrderId).FirstOrDefaultAsync(cancellationToken);

    public async Task<GatewaySubscriptionRef> RefAsync(string gateway, string subscriptionId, Guid? orderHint, CancellationToken cancellationToken) =>
        new(gateway, subscriptionId, await OrderOfAsync(gateway, subscriptionId, cancellationToken) ?? orderHint);

    /// <summary>Records which order started the gateway's subscription (once) and tells the subscriptions module.</summary>
    public async Task<string> LinkAsync(string gateway, string subscriptionId, Guid? orderId, CancellationToken cancellationToken)
    {
        var known = await OrderOfAsync(gateway, subscriptionId, cancellationToken);
        if (known is null && orderId is { } id)
        {
            db.Set<GatewaySubscriptionLink>().Add(new GatewaySubscriptionLink
            {
                Gateway = gateway, GatewaySubscriptionId = subscriptionId, OrderId = id, CreatedAt = time.GetUtcNow(),
            });
            known = id;
        }
        if (known is null) return "subscription names no order; nothing linked";
        return await sink.LinkedAsync(new GatewaySubscriptionRef(gateway, subscriptionId, known), cancellationToken);
    }

    /// <summary>A succeeded payment of a gateway subscription: the order's first payment, or a renewal.</summary>
    public async Task<string> PaymentAsync(string gateway, string subscriptionId, string paymentId, Guid? orderHint, Money amount,
        Func<CancellationToken, Task<DateTimeOffset?>> nextBillingAt, CancellationToken cancellationToken)
    {
        if (await db.Set<PaymentRecord>().AnyAsync(p => p.Gateway == gateway && p.GatewayPaymentId == paymentId, cancellationToken)
            || db.Set<PaymentRecord>().Local.Any(p => p.Gateway == gateway && p.GatewayPaymentId == paymentId))
            return "payment already recorded";
        var orderId = await OrderOfAsync(gateway, subscriptionId, cancellationToken) ?? orderHint
            ?? throw new FormatException($"The payment of {gateway} subscription {subscriptionId} names no order and the subscription is not linked.");

        var orderPaid = await db.Set<PaymentRecord>().AnyAsync(p => p.Gateway == gateway && p.OrderId == orderId, cancellationToken)
            || db.Set<PaymentRecord>().Local.Any(p => p.Gateway == gateway && p.OrderId == orderId);
        if (!orderPaid)
        {
            var confirmed = await applier.ConfirmAsync(gateway, paymentId, orderId, amount, cancellationToken);
            await LinkAsync(gateway, subscriptionId, orderId, cancellationToken);
            return $"{confirmed} (first payment of subscription {subscriptionId})";
        }

        await LinkAsync(gateway, subscriptionId, orderId, cancellationToken);
        var outcome = await sink.RenewalPaidAsync(new GatewaySubscriptionRef(gateway, subscriptionId, orderId), paymentId, amount,
            await nextBillingAt(cancellationToken), cancellationToken);
        if (outcome.OrderId is { } renewalOrder)
        {
            // The renewal order's payment, so it can be refunded like any order's.
            db.Set<PaymentRecord>().Add(new PaymentRecord
            {
                Gateway = gateway,
                GatewayPaymentId = paymentId,
                OrderId = renewalOrder,
                Amount = amount.Amount,
                Currency = amount.Currency,
                Status = "succeeded",
                Application = "applied",
                CreatedAt = time.GetUtcNow(),
            });
        }
        return outcome.Outcome;
    }

    public async Task<string> FailedAsync(string gateway, string subscriptionId, Guid? orderHint, string reason, CancellationToken cancellationToken) =>
        await sink.RenewalFailedAsync(await RefAsync(gateway, subscriptionId, orderHint, cancellationToken), reason, cancellationToken);

    public async Task<string> SuspendedAsync(string gateway, string subscriptionId, Guid? orderHint, string reason, CancellationToken cancellationToken) =>
        await sink.SuspendedAsync(await RefAsync(gateway, subscriptionId, orderHint, cancellationToken), reason, cancellationToken);

    public async Task<string> CancelledAsync(string gateway, string subscriptionId, Guid? orderHint, string reason, CancellationToken cancellationToken) =>
        await sink.CancelledAsync(await RefAsync(gateway, subscriptionId, orderHint, cancellationToken), reason, cancellationToken);

    public static DateTimeOffset? Date(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;
}

/// <summary>Dodo <c>subscription.*</c> events (a Subscription payload); the payments of renewals come as <c>payment.succeeded</c>.</summary>
internal sealed class DodoSubscriptionEventHandler(GatewaySubscriptionEvents events, string eventType) : IWebhookEventHandler
{
    public static readonly IReadOnlyList<string> Types =
    [
        "subscription.active", "subscription.renewed", "subscription.on_hold", "subscription.failed", "subscription.cancelled", "subscription.expired",
    ];

    public string EventType => eventType;

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken)
    {
        var id = data.Str("subscription_id") ?? throw new FormatException("subscription_id is missing.");
        var order = data.Obj("metadata").GuidOf("order_id");
        return eventType switch
        {
            "subscription.active" => events.LinkAsync(entry.Gateway, id, order, cancellationToken),
            // Dodo reports every renewal charge also as payment.succeeded with the subscription's id: that event carries
            // the payment (id, amount) and applies the renewal, once per payment; this one only makes sure of the link.
            "subscription.renewed" => RenewedAsync(entry.Gateway, id, order, cancellationToken),
            "subscription.on_hold" => events.FailedAsync(entry.Gateway, id, order, "Dodo Payments could not charge the renewal (on hold).", cancellationToken),
            "subscription.failed" => events.FailedAsync(entry.Gateway, id, order, "Dodo Payments could not set up the subscription's payment.", cancellationToken),
            "subscription.cancelled" => events.CancelledAsync(entry.Gateway, id, order, "cancelled at Dodo Payments", cancellationToken),
            "subscription.expired" => events.CancelledAsync(entry.Gateway, id, order, "expired at Dodo Payments", cancellationToken),
            _ => Task.FromResult("subscription event acknowledged"),
        };
    }

    private async Task<string> RenewedAsync(string gateway, string id, Guid? order, CancellationToken cancellationToken)
    {
        await events.LinkAsync(gateway, id, order, cancellationToken);
        return "renewal noted; its payment.succeeded applies it";
    }
}

/// <summary>
/// Dodo <c>payment.succeeded</c> of a subscription: the first pays the order; a later one is a renewal whose new period
/// ends at the subscription's <c>next_billing_date</c>, read from Dodo (the payment does not carry it).
/// </summary>
internal sealed class DodoSubscriptionPayments(GatewaySubscriptionEvents events, DodoPaymentsClient client)
{
    public Task<string> HandleAsync(WebhookInboxEntry entry, string subscriptionId, PaymentPayload payment, CancellationToken cancellationToken) =>
        events.PaymentAsync(entry.Gateway, subscriptionId, payment.PaymentId, payment.OrderId, new Money(payment.Amount, payment.Currency),
            async ct => await client.GetSubscriptionAsync(subscriptionId, ct) is { } s ? GatewaySubscriptionEvents.Date(s.Str("next_billing_date")) : null,
            cancellationToken);
}

/// <summary>
/// PayPal subscription events: <c>PAYMENT.SALE.COMPLETED</c> (a charge of the subscription named by <c>billing_agreement_id</c>;
/// its <c>custom</c> is the VOZEX order id) and <c>BILLING.SUBSCRIPTION.*</c> (the resource is the subscription).
/// </summary>
internal sealed class PayPalSubscriptionEventHandler(GatewaySubscriptionEvents events, PayPalClient client, string eventType) : IWebhookEventHandler
{
    public static readonly IReadOnlyList<string> Types =
    [
        "PAYMENT.SALE.COMPLETED", "BILLING.SUBSCRIPTION.ACTIVATED", "BILLING.SUBSCRIPTION.PAYMENT.FAILED", "BILLING.SUBSCRIPTION.SUSPENDED",
        "BILLING.SUBSCRIPTION.CANCELLED", "BILLING.SUBSCRIPTION.EXPIRED",
    ];

    public string EventType => eventType;

    public Task<string> HandleAsync(WebhookInboxEntry entry, JsonElement data, CancellationToken cancellationToken)
    {
        if (eventType == "PAYMENT.SALE.COMPLETED") return SaleAsync(entry, data, cancellationToken);
        var id = data.Str("id") ?? throw new FormatException("The subscription id is missing.");
        var order = data.GuidOf("custom_id");
        return eventType switch
        {
            "BILLING.SUBSCRIPTION.ACTIVATED" => events.LinkAsync(entry.Gateway, id, order, cancellationToken),
            "BILLING.SUBSCRIPTION.PAYMENT.FAILED" => events.FailedAsync(entry.Gateway, id, order, "PayPal could not charge the renewal.", cancellationToken),
            "BILLING.SUBSCRIPTION.SUSPENDED" => events.SuspendedAsync(entry.Gateway, id, order, "suspended at PayPal after failed payments", cancellationToken),
            "BILLING.SUBSCRIPTION.CANCELLED" => events.CancelledAsync(entry.Gateway, id, order, "cancelled at PayPal", cancellationToken),
            "BILLING.SUBSCRIPTION.EXPIRED" => events.CancelledAsync(entry.Gateway, id, order, "expired at PayPal", cancellationToken),
            _ => Task.FromResult("subscription event acknowledged"),
        };
    }

    private async Task<string> SaleAsync(WebhookInboxEntry entry, JsonElement sale, CancellationToken cancellationToken)
    {
        if (sale.Str("billing_agreement_id") is not { } subscriptionId) return "sale of no subscription; nothing to do";
        if (sale.Str("state") is { } state && !string.Equals(state, "completed", StringComparison.OrdinalIgnoreCase)) return $"sale is {state}; nothing to do";
        var amount = sale.Obj("amount");
        var money = PayPalAmounts.Parse(amount.Str("total") ?? throw new FormatException("amount.total is missing."),
            amount.Str("currency") ?? throw new FormatException("amount.currency is missing."));
        return await events.PaymentAsync(entry.Gateway, subscriptionId, sale.Str("id") ?? throw new FormatException("The sale id is missing."),
            sale.GuidOf("custom"), money,
            async ct => await client.GetSubscriptionAsync(subscriptionId, ct) is { } s
                ? GatewaySubscriptionEvents.Date(s.Obj("billing_info").Str("next_billing_time")) : null,
            cancellationToken);
    }
}

/// <summary>Cancellation at the gateways; each reads the subscription first, so a repeat (or one after a lost answer) does nothing.</summary>
internal sealed partial class GatewaySubscriptionOperations(
    MarketplaceDbContext db, DodoPaymentsClient dodo, PayPalClient payPal, TimeProvider time, ILogger<GatewaySubscriptionOperations> logger) : IGatewaySubscriptions
{
    /// <summary>A gateway that cannot be asked now finds nothing: dunning goes on, and a later webhook still applies the renewal.</summary>
    public async Task<IReadOnlyList<GatewayCharge>> UnreportedChargesAsync(string gateway, string subscriptionId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        try
        {
            return await ChargesAsync(gateway, subscriptionId, since, cancellationToken);
        }
        catch (Exception ex) when (ex is DodoApiException or PayPalApiException or HttpRequestException or Polly.Timeout.TimeoutRejectedException or FormatException)
        {
            LogLookupFailed(logger, gateway, subscriptionId, ex.Message);
            return [];
        }
    }

    private async Task<IReadOnlyList<GatewayCharge>> ChargesAsync(string gateway, string subscriptionId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var charges = new List<GatewayCharge>();
        switch (gateway)
        {
            case GatewayNames.DodoPayments:
                var payments = await dodo.ListSubscriptionPaymentsAsync(subscriptionId, since, cancellationToken);
                var next = payments.Count == 0 ? null
                    : await dodo.GetSubscriptionAsync(subscriptionId, cancellationToken) is { } sub ? GatewaySubscriptionEvents.Date(sub.Str("next_billing_date")) : null;
                foreach (var p in payments.Where(p => p.Str("status") == "succeeded"))
                {
                    var at = GatewaySubscriptionEvents.Date(p.Str("created_at")) ?? since;
                    charges.Add(new GatewayCharge(p.Str("payment_id")!, new Money(p.GetProperty("total_amount").GetInt64(), p.Str("currency")!.ToUpperInvariant()), at, next));
                }
                break;
            case GatewayNames.PayPal:
                var transactions = await payPal.ListSubscriptionTransactionsAsync(subscriptionId, since, time.GetUtcNow(), cancellationToken);
                var paypalNext = transactions.Count == 0 ? null
                    : await payPal.GetSubscriptionAsync(subscriptionId, cancellationToken) is { } ps ? GatewaySubscriptionEvents.Date(ps.Obj("billing_info").Str("next_billing_time")) : null;
                foreach (var t in transactions.Where(t => t.Str("status") == "COMPLETED"))
                {
                    var gross = t.Obj("amount_with_breakdown").Obj("gross_amount");
                    charges.Add(new GatewayCharge(t.Str("id")!, PayPalAmounts.Parse(gross.Str("value")!, gross.Str("currency_code")!),
                        GatewaySubscriptionEvents.Date(t.Str("time")) ?? since, paypalNext));
                }
                break;
        }
        if (charges.Count == 0) return charges;
        var ids = charges.Select(c => c.PaymentId).ToList();
        var recorded = await db.Set<PaymentRecord>().AsNoTracking().Where(p => p.Gateway == gateway && ids.Contains(p.GatewayPaymentId))
            .Select(p => p.GatewayPaymentId).ToListAsync(cancellationToken);
        return charges.Where(c => !recorded.Contains(c.PaymentId) && !db.Set<PaymentRecord>().Local.Any(p => p.Gateway == gateway && p.GatewayPaymentId == c.PaymentId))
            .OrderBy(c => c.At).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up the charges of {Gateway} subscription {SubscriptionId}: {Error}")]
    private static partial void LogLookupFailed(ILogger logger, string gateway, string subscriptionId, string error);

    public void RecordRenewalPayment(string gateway, GatewayCharge charge, Guid orderId) =>
        db.Set<PaymentRecord>().Add(new PaymentRecord
        {
            Gateway = gateway,
            GatewayPaymentId = charge.PaymentId,
            OrderId = orderId,
            Amount = charge.Amount.Amount,
            Currency = charge.Amount.Currency,
            Status = "succeeded",
            Application = "applied",
            CreatedAt = time.GetUtcNow(),
        });

    public async Task<string?> ForOrderAsync(string gateway, Guid orderId, CancellationToken cancellationToken) =>
        db.Set<GatewaySubscriptionLink>().Local.Where(l => l.Gateway == gateway && l.OrderId == orderId).Select(l => l.GatewaySubscriptionId).FirstOrDefault()
        ?? await db.Set<GatewaySubscriptionLink>().AsNoTracking().Where(l => l.Gateway == gateway && l.OrderId == orderId)
            .OrderBy(l => l.Id).Select(l => l.GatewaySubscriptionId).FirstOrDefaultAsync(cancellationToken);

    public bool CanUndoCancellation(string gateway) => gateway != GatewayNames.PayPal;

    public async Task CancelAsync(string gateway, string subscriptionId, bool atPeriodEnd, CancellationToken cancellationToken)
    {
        try
        {
            await CancelAtGatewayAsync(gateway, subscriptionId, atPeriodEnd, cancellationToken);
        }
        catch (Exception ex) when (GatewayUnavailable.Is(ex))
        {
            throw GatewayUnavailable.Because(gateway, "Nothing was changed: try again in a minute.", ex);
        }
    }

    private async Task CancelAtGatewayAsync(string gateway, string subscriptionId, bool atPeriodEnd, CancellationToken cancellationToken)
    {
        switch (gateway)
        {
            case GatewayNames.DodoPayments:
                var current = await dodo.GetSubscriptionAsync(subscriptionId, cancellationToken);
                if (current is not { } s || s.Str("status") is "cancelled" or "expired" or "failed") return;
                if (atPeriodEnd && s.TryGetProperty("cancel_at_next_billing_date", out var flag) && flag.ValueKind == JsonValueKind.True) return;
                await dodo.UpdateSubscriptionAsync(subscriptionId, atPeriodEnd
                    ? new JsonObject { ["cancel_at_next_billing_date"] = true }
                    : new JsonObject { ["status"] = "cancelled" }, cancellationToken);
                return;
            case GatewayNames.PayPal:
                // PayPal has no cancellation at the period end: billing stops now, the paid period still runs here.
                var sub = await payPal.GetSubscriptionAsync(subscriptionId, cancellationToken);
                // Only a running subscription bills; one never approved (or already ended) has nothing to stop.
                if (sub is not { } p || p.Str("status") is not ("ACTIVE" or "SUSPENDED")) return;
                await payPal.CancelSubscriptionAsync(subscriptionId, atPeriodEnd ? "Cancelled by the customer at the period end" : "Cancelled", cancellationToken);
                return;
        }
    }

    public async Task UndoCancellationAsync(string gateway, string subscriptionId, CancellationToken cancellationToken)
    {
        if (gateway == GatewayNames.DodoPayments)
        {
            try
            {
                await dodo.UpdateSubscriptionAsync(subscriptionId, new JsonObject { ["cancel_at_next_billing_date"] = false }, cancellationToken);
            }
            catch (Exception ex) when (GatewayUnavailable.Is(ex))
            {
                throw GatewayUnavailable.Because(gateway, "Nothing was changed: try again in a minute.", ex);
            }
        }
        else if (gateway == GatewayNames.PayPal)
            throw new InvalidOperationException("PayPal cannot undo a cancellation.");
    }
}
