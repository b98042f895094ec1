using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Events;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Payments.Gateways.PayPal;

/// <summary>A PayPal order VOZEX created, with where the buyer goes after approving it.</summary>
internal sealed class PayPalOrderRecord
{
    public required string PayPalOrderId { get; init; }
    public Guid OrderId { get; init; }
    public required string ReturnUrl { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>What a capture came to, read from the capture's own status (the order may say COMPLETED while its capture was declined).</summary>
internal abstract record CaptureResult
{
    public sealed record Captured(string CaptureId, Guid OrderId, Money Amount) : CaptureResult;
    public sealed record Pending(string CaptureId) : CaptureResult;
    public sealed record Declined(string? CaptureId, Guid OrderId, string Reason) : CaptureResult;
    public sealed record NotApproved : CaptureResult;
}

/// <summary>
/// PayPal Orders v2: an order per VOZEX order (same PayPal-Request-Id on a retry), the buyer approves on PayPal, and
/// VOZEX captures, on the buyer's return and on CHECKOUT.ORDER.APPROVED, whichever comes first; the capture's
/// PayPal-Request-Id makes the second a replay of the first, and the payment is recorded once per capture id.
/// A checkout of one SaaS item alone is a PayPal subscription instead (<see cref="PayPalSubscriptions"/>).
/// </summary>
internal sealed class PayPalGateway(
    PayPalClient client, IOptions<PayPalOptions> options, MarketplaceDbContext db, PaymentApplier applier, PayPalSubscriptions subscriptions, TimeProvider time) : IGatewayAdapter
{
    public string Name => GatewayNames.PayPal;

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<CheckoutSession> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        if (subscriptions.Handles(request)) return await subscriptions.CreateCheckoutAsync(request, cancellationToken);
        var origin = request.ReturnUrl.GetLeftPart(UriPartial.Authority);
        var total = request.Total;
        var unit = new JsonObject
        {
            ["reference_id"] = request.OrderId.ToString(),
            ["custom_id"] = request.OrderId.ToString(),
            ["invoice_id"] = request.OrderNumber,
            ["description"] = $"VOZEX order {request.OrderNumber}",
            ["amount"] = Amount(total),
        };
        // Items only when they add up exactly, or PayPal refuses the order with ITEM_TOTAL_MISMATCH.
        if (request.Lines.Count > 0 && request.Lines.Sum(l => l.Amount.Amount) == total.Amount && request.Lines.All(l => PayPalAmounts.CanFormat(l.Amount)))
        {
            unit["amount"]!["breakdown"] = new JsonObject { ["item_total"] = Amount(total) };
            unit["items"] = new JsonArray(request.Lines.Select(l => (JsonNode)new JsonObject
            {
                ["name"] = l.Description.Length > 127 ? l.Description[..127] : l.Description,
                ["quantity"] = "1",
                ["category"] = "DIGITAL_GOODS",
                ["unit_amount"] = Amount(l.Amount),
            }).ToArray());
        }
        var body = new JsonObject
        {
            ["intent"] = "CAPTURE",
            ["purchase_units"] = new JsonArray(unit),
            ["payment_source"] = new JsonObject
            {
                ["paypal"] = new JsonObject
                {
                    ["experience_context"] = new JsonObject
                    {
                        ["return_url"] = $"{origin}/payments/paypal/return",
                        ["cancel_url"] = $"{origin}/orders/{request.OrderId}",
                        ["brand_name"] = options.Value.BrandName,
                        ["user_action"] = "PAY_NOW",
                        ["shipping_preference"] = "NO_SHIPPING",
                        ["payment_method_preference"] = "IMMEDIATE_PAYMENT_REQUIRED",
                    },
                },
            },
        };
        var order = await client.CreateOrderAsync(body, $"vozex-order-{request.OrderId:N}", cancellationToken);
        var id = order.GetProperty("id").GetString()!;
        var approve = order.GetProperty("links").EnumerateArray()
            .FirstOrDefault(l => l.GetProperty("rel").GetString() is "payer-action" or "approve");
        if (approve.ValueKind != JsonValueKind.Object) throw new FormatException("PayPal returned an order without a payer-action or approve link.");

        if (!await db.Set<PayPalOrderRecord>().AnyAsync(r => r.PayPalOrderId == id, cancellationToken))
        {
            db.Set<PayPalOrderRecord>().Add(new PayPalOrderRecord { PayPalOrderId = id, OrderId = request.OrderId, ReturnUrl = request.ReturnUrl.ToString(), CreatedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }
        return new CheckoutSession(id, approve.GetProperty("href").GetString()!);
    }

    private static JsonObject Amount(Money money) => new() { ["currency_code"] = money.Currency, ["value"] = PayPalAmounts.Format(money) };

    /// <summary>Captures an approved order (idempotently) and reads the result from the capture itself.</summary>
    public async Task<CaptureResult> CaptureAsync(string payPalOrderId, CancellationToken cancellationToken)
    {
        JsonElement order;
        try
        {
            order = await client.CaptureAsync(payPalOrderId, cancellationToken);
        }
        catch (PayPalApiException ex) when (ex.Issue is "ORDER_ALREADY_CAPTURED")
        {
            order = await client.GetOrderAsync(payPalOrderId, cancellationToken) ?? throw new InvalidOperationException($"PayPal order {payPalOrderId} vanished.");
        }
        catch (PayPalApiException ex) when (ex.Issue is "ORDER_NOT_APPROVED" or "PAYER_ACTION_REQUIRED")
        {
            return new CaptureResult.NotApproved();
        }
        catch (PayPalApiException ex) when (ex.Issue is "INSTRUMENT_DECLINED" or "TRANSACTION_REFUSED" or "MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED")
        {
            return new CaptureResult.Declined(null, await OrderIdOfAsync(payPalOrderId, null, cancellationToken), ex.Issue!);
        }
        return await ReadCaptureAsync(payPalOrderId, order, cancellationToken);
    }

    private async Task<CaptureResult> ReadCaptureAsync(string payPalOrderId, JsonElement order, CancellationToken cancellationToken)
    {
        var unit = order.GetProperty("purchase_units")[0];
        if (!unit.TryGetProperty("payments", out var payments) || !payments.TryGetProperty("captures", out var captures) || captures.GetArrayLength() == 0)
            return new CaptureResult.NotApproved();
        var capture = captures[0];
        var captureId = capture.GetProperty("id").GetString()!;
        var orderId = await OrderIdOfAsync(payPalOrderId, capture.Str("custom_id") ?? unit.Str("custom_id"), cancellationToken);
        return capture.Str("status") switch
        {
            "COMPLETED" or "PARTIALLY_REFUNDED" or "REFUNDED" => new CaptureResult.Captured(captureId, orderId,
                PayPalAmounts.Parse(capture.GetProperty("amount").GetProperty("value").GetString()!, capture.GetProperty("amount").GetProperty("currency_code").GetString()!)),
            "PENDING" => new CaptureResult.Pending(captureId),
            var status => new CaptureResult.Declined(captureId, orderId, $"PayPal capture {status?.ToLowerInvariant() ?? "missing"}"),
        };
    }

    private async Task<Guid> OrderIdOfAsync(string payPalOrderId, string? customId, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(customId, out var id)) return id;
        return await db.Set<PayPalOrderRecord>().AsNoTracking().Where(r => r.PayPalOrderId == payPalOrderId).Select(r => r.OrderId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Captures and applies the outcome through <see cref="PaymentApplier"/>, in the caller's unit of work.</summary>
    public async Task<string> CaptureAndApplyAsync(string payPalOrderId, CancellationToken cancellationToken) =>
        await CaptureAsync(payPalOrderId, cancellationToken) switch
        {
            CaptureResult.Captured c => await applier.ConfirmAsync(Name, c.CaptureId, c.OrderId, c.Amount, cancellationToken),
            CaptureResult.Declined d when d.OrderId != Guid.Empty => await applier.DeclineAsync(Name, d.CaptureId, d.OrderId, d.Reason, cancellationToken),
            CaptureResult.Declined => "capture declined for an unknown order",
            CaptureResult.Pending => "capture pending; PAYMENT.CAPTURE.COMPLETED will confirm it",
            CaptureResult.NotApproved => "order not approved yet",
            _ => throw new InvalidOperationException("Unknown capture result."),
        };

    /// <summary>
    /// For reconciliation: an APPROVED order is captured here (a buyer who approved and closed the tab before returning
    /// would otherwise never be charged), then reported by its capture.
    /// </summary>
    public async Task<GatewayPayment?> FetchAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (sessionId.StartsWith("I-", StringComparison.Ordinal)) return await subscriptions.FetchAsync(sessionId, cancellationToken);
        var order = await client.GetOrderAsync(sessionId, cancellationToken);
        if (order is not { } o) return null;
        var status = o.Str("status");
        if (status == "APPROVED")
        {
            await CaptureAsync(sessionId, cancellationToken);
            o = await client.GetOrderAsync(sessionId, cancellationToken) ?? o;
            status = o.Str("status");
        }
        var read = status == "COMPLETED" ? await ReadCaptureAsync(sessionId, o, cancellationToken) : new CaptureResult.NotApproved();
        var orderId = await OrderIdOfAsync(sessionId, o.GetProperty("purchase_units")[0].Str("custom_id"), cancellationToken);
        return read switch
        {
            CaptureResult.Captured c => new GatewayPayment(sessionId, orderId, GatewayStatus.Succeeded, c.CaptureId, c.Amount, default),
            CaptureResult.Declined d => new GatewayPayment(sessionId, orderId, GatewayStatus.Failed, d.CaptureId, default, default),
            _ => new GatewayPayment(sessionId, orderId, status == "VOIDED" ? GatewayStatus.Failed : GatewayStatus.Open, null, default, default),
        };
    }

    public async Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        var refundId = request.RefundId ?? Guid.CreateVersion7();
        var body = new JsonObject
        {
            ["custom_id"] = refundId.ToString(),
            ["note_to_payer"] = request.Reason.Length > 255 ? request.Reason[..255] : request.Reason,
        };
        // Always the exact amount: PayPal's "no amount" (the rest of the capture) could differ from what VOZEX reserved.
        body["amount"] = Amount(request.Amount);
        try
        {
            JsonElement refund;
            try
            {
                refund = await client.RefundCaptureAsync(request.PaymentId, body, refundId, cancellationToken);
            }
            catch (PayPalApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
            {
                // Not a capture: a subscription's charge is a sale (its first payment or a renewal).
                refund = await client.RefundSaleAsync(request.PaymentId, request.Amount, refundId, cancellationToken);
            }
            // Captures answer "status" (COMPLETED), sales "state" (completed).
            var status = (refund.Str("status") ?? refund.Str("state"))?.ToUpperInvariant();
            return status is "FAILED" or "CANCELLED"
                ? new RefundResult(false, refund.Str("id"), $"PayPal refund {status.ToLowerInvariant()}")
                : new RefundResult(true, refund.Str("id"), null, Completed: status == "COMPLETED");
        }
        catch (PayPalApiException ex) when ((int)ex.Status is >= 400 and < 500 and not 408 and not 429)
        {
            return new RefundResult(false, null, $"PayPal refused the refund: {ex.Issue ?? ((int)ex.Status).ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
