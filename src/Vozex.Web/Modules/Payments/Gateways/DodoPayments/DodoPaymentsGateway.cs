using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Payments.Gateways.DodoPayments;

/// <summary>
/// Dodo Payments: hosted checkout sessions over products that must exist in Dodo first, Standard Webhooks, and refunds
/// that Dodo cannot deduplicate, so every refund is looked up at Dodo (by the VOZEX refund id in its metadata) before it
/// is sent, and sent again only when Dodo shows none.
/// </summary>
internal sealed partial class DodoPaymentsGateway(
    DodoPaymentsClient client, IOptions<DodoPaymentsOptions> options, MarketplaceDbContext db, TimeProvider time, ILogger<DodoPaymentsGateway> logger) : IGatewayAdapter
{
    public const int MaxRefundSubmissions = 3;

    public string Name => GatewayNames.DodoPayments;

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<CheckoutSession> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        var cart = new JsonArray();
        foreach (var line in request.Lines)
        {
            var productId = await EnsureProductAsync(line, cancellationToken);
            var item = new JsonObject { ["product_id"] = productId, ["quantity"] = 1 };
            // One-time items are pay-what-you-want products charged the server-computed amount; recurring ones carry their price.
            if (line.BillingCycle is null) item["amount"] = line.Amount.Amount;
            cart.Add(item);
        }
        var origin = request.ReturnUrl.GetLeftPart(UriPartial.Authority);
        var session = new JsonObject
        {
            ["product_cart"] = cart,
            ["customer"] = request.CustomerName is null
                ? new JsonObject { ["email"] = request.CustomerEmail }
                : new JsonObject { ["email"] = request.CustomerEmail, ["name"] = request.CustomerName },
            ["billing_address"] = new JsonObject { ["country"] = options.Value.DefaultBillingCountry },
            ["return_url"] = request.ReturnUrl.ToString(),
            ["cancel_url"] = $"{origin}/orders/{request.OrderId}",
            ["metadata"] = new JsonObject { ["order_id"] = request.OrderId.ToString(), ["order_number"] = request.OrderNumber },
        };
        var (sessionId, checkoutUrl) = await client.CreateCheckoutAsync(session, cancellationToken);
        return new CheckoutSession(sessionId, checkoutUrl);
    }

    /// <summary>The mapping key of the Dodo product that stands for a line (see <see cref="DodoProductMapping"/>).</summary>
    public static string ProductKey(CheckoutLine line) => line.BillingCycle is null
        ? $"one_time:{line.ProductKey ?? line.Description}:{line.Amount.Currency}"
        : $"recurring:{line.ProductKey ?? line.Description}:{line.BillingCycle}:{line.Amount.Amount.ToString(CultureInfo.InvariantCulture)}:{line.Amount.Currency}";

    private async Task<string> EnsureProductAsync(CheckoutLine line, CancellationToken cancellationToken)
    {
        var key = ProductKey(line);
        var known = await db.Set<DodoProductMapping>().AsNoTracking().Where(m => m.Key == key).Select(m => m.DodoProductId).FirstOrDefaultAsync(cancellationToken);
        if (known is not null) return known;

        var productId = await client.CreateProductAsync(NewProduct(line), cancellationToken);
        // Saved at once: the product exists in Dodo now, whatever becomes of this checkout.
        var mapping = new DodoProductMapping { Key = key, DodoProductId = productId, CreatedAt = time.GetUtcNow() };
        db.Set<DodoProductMapping>().Add(mapping);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return productId;
        }
        catch (DbUpdateException)
        {
            // A concurrent checkout created the same product first; use theirs (ours stays unused in Dodo).
            db.Entry(mapping).State = EntityState.Detached;
            return await db.Set<DodoProductMapping>().AsNoTracking().Where(m => m.Key == key).Select(m => m.DodoProductId).FirstAsync(cancellationToken);
        }
    }

    private JsonObject NewProduct(CheckoutLine line)
    {
        var name = line.Description.Length > 100 ? line.Description[..100] : line.Description;
        JsonObject price;
        if (line.BillingCycle is null)
        {
            // Pay what you want: "price" is the minimum, so any server-computed amount is accepted (unconfirmed whether Dodo allows 0).
            price = new JsonObject
            {
                ["type"] = "one_time_price", ["price"] = 0, ["currency"] = line.Amount.Currency, ["discount"] = 0,
                ["purchasing_power_parity"] = false, ["pay_what_you_want"] = true, ["tax_inclusive"] = true,
            };
        }
        else
        {
            var (count, interval) = line.BillingCycle switch
            {
                "quarterly" => (3, "Month"),
                "annual" => (1, "Year"),
                _ => (1, "Month"),
            };
            // Open-ended SaaS: Dodo ends a subscription after its period, so the period is a long horizon.
            price = new JsonObject
            {
                ["type"] = "recurring_price", ["price"] = line.Amount.Amount, ["currency"] = line.Amount.Currency, ["discount"] = 0,
                ["purchasing_power_parity"] = false, ["tax_inclusive"] = true,
                ["payment_frequency_count"] = count, ["payment_frequency_interval"] = interval,
                ["subscription_period_count"] = 30, ["subscription_period_interval"] = "Year",
            };
        }
        return new JsonObject
        {
            ["name"] = name,
            ["description"] = $"VOZEX {line.ProductKey ?? name}",
            ["tax_category"] = options.Value.TaxCategory,
            ["price"] = price,
            ["metadata"] = new JsonObject { ["vozex_product"] = line.ProductKey ?? name },
        };
    }

    public async Task<GatewayPayment?> FetchAsync(string sessionId, CancellationToken cancellationToken)
    {
        var session = await client.GetCheckoutAsync(sessionId, cancellationToken);
        if (session is not { } s) return null;
        var paymentId = s.TryGetProperty("payment_id", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        if (paymentId is null) return new GatewayPayment(sessionId, Guid.Empty, GatewayStatus.Open, null, default, default);

        var payment = await client.GetPaymentAsync(paymentId, cancellationToken)
            ?? throw new InvalidOperationException($"Dodo names payment {paymentId} for session {sessionId} but does not know it.");
        var currency = (payment.GetProperty("currency").GetString() ?? "").ToUpperInvariant();
        var amount = new Money(payment.GetProperty("total_amount").GetInt64(), currency);
        var refunded = new Money(RefundedSoFar(payment), currency);
        var orderId = payment.TryGetProperty("metadata", out var m) && Guid.TryParse(m.TryGetProperty("order_id", out var o) ? o.GetString() : null, out var id) ? id : Guid.Empty;
        var status = (payment.TryGetProperty("status", out var st) ? st.GetString() : null) switch
        {
            "succeeded" => refunded.Amount == 0 ? GatewayStatus.Succeeded : refunded.Amount < amount.Amount ? GatewayStatus.PartiallyRefunded : GatewayStatus.Refunded,
            "failed" or "cancelled" => GatewayStatus.Failed,
            _ => GatewayStatus.Open,
        };
        return new GatewayPayment(sessionId, orderId, status, paymentId, amount, refunded);
    }

    private static long RefundedSoFar(JsonElement payment) =>
        payment.TryGetProperty("refunds", out var refunds) && refunds.ValueKind == JsonValueKind.Array
            ? refunds.EnumerateArray().Where(r => r.TryGetProperty("status", out var s) && s.GetString() is "succeeded" or "pending")
                .Sum(r => r.GetProperty("amount").GetInt64())
            : 0;

    public async Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        var refundId = request.RefundId ?? throw new ArgumentException("Dodo refunds need a VOZEX refund id to be found again.", nameof(request));
        var body = await RefundBodyAsync(request, refundId, cancellationToken);
        Exception? last = null;
        for (var submission = 1; submission <= MaxRefundSubmissions; submission++)
        {
            // Look first: an earlier submission (this call's, or one before a crash) may have reached Dodo and only its answer was lost.
            if (await FindExistingRefundAsync(request.PaymentId, refundId, request.Amount.Amount, cancellationToken) is { } existing)
                return existing;
            try
            {
                var created = await client.CreateRefundAsync(body.DeepClone().AsObject(), cancellationToken);
                return new RefundResult(true, created.GetProperty("refund_id").GetString(), null,
                    Completed: created.TryGetProperty("status", out var s) && s.GetString() == "succeeded");
            }
            catch (DodoApiException ex) when (!ex.IsTransient)
            {
                return new RefundResult(false, null, $"Dodo refused the refund: {ex.Code ?? ((int)ex.Status).ToString(CultureInfo.InvariantCulture)}");
            }
            catch (Exception ex) when (ex is DodoApiException or HttpRequestException or TimeoutRejectedException
                                        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                last = ex;
                LogRefundUncertain(logger, refundId, submission, ex.GetType().Name);
                await Task.Delay(options.Value.RetryDelay * submission, time, cancellationToken);
            }
        }
        // Unknown whether Dodo made it: the caller keeps the refund "requested" and reconciliation looks again later.
        throw new GatewayUncertainException($"Dodo did not answer the refund after {MaxRefundSubmissions} submissions.", last);
    }

    private async Task<JsonObject> RefundBodyAsync(RefundRequest request, Guid refundId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["payment_id"] = request.PaymentId,
            ["reason"] = request.Reason.Length > 3000 ? request.Reason[..3000] : request.Reason,
            ["metadata"] = new JsonObject { ["refund_id"] = refundId.ToString(), ["order_id"] = request.OrderId?.ToString() },
        };
        if (request.Lines is { Count: > 0 } lines)
        {
            // Partial refunds name the Dodo products of the refunded items; two items of one product become one entry.
            var items = new JsonArray();
            foreach (var group in lines.GroupBy(ProductKey))
            {
                var productId = await db.Set<DodoProductMapping>().AsNoTracking().Where(m => m.Key == group.Key).Select(m => m.DodoProductId).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new InvalidOperationException($"No Dodo product is recorded for {group.Key}.");
                items.Add(new JsonObject { ["item_id"] = productId, ["amount"] = group.Sum(l => l.Amount.Amount), ["tax_inclusive"] = true });
            }
            body["items"] = items;
        }
        else if (await PartialItemsAsync(request, cancellationToken) is { } partial)
        {
            body["items"] = partial;
        }
        return body;
    }

    /// <summary>
    /// A refund of part of a payment that names no items (a prorated refund of a subscription period): Dodo refunds the whole
    /// payment when no items are given, so the amount is spread over the payment's own products, in order.
    /// Null when the amount is all that remains (then no items means exactly that).
    /// </summary>
    private async Task<JsonArray?> PartialItemsAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        var payment = await client.GetPaymentAsync(request.PaymentId, cancellationToken)
            ?? throw new InvalidOperationException($"Dodo does not know payment {request.PaymentId}.");
        var remaining = payment.GetProperty("total_amount").GetInt64() - RefundedSoFar(payment);
        if (request.Amount.Amount >= remaining) return null;
        if (!payment.TryGetProperty("product_cart", out var cart) || cart.ValueKind != JsonValueKind.Array || cart.GetArrayLength() == 0)
            throw new InvalidOperationException($"Dodo payment {request.PaymentId} lists no products to refund part of.");
        var items = new JsonArray();
        var left = request.Amount.Amount;
        foreach (var line in cart.EnumerateArray())
        {
            if (left <= 0) break;
            var lineAmount = line.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt64() : left;
            var share = Math.Min(left, lineAmount);
            items.Add(new JsonObject { ["item_id"] = line.GetProperty("product_id").GetString(), ["amount"] = share, ["tax_inclusive"] = true });
            left -= share;
        }
        if (left > 0) throw new InvalidOperationException($"The refund exceeds what Dodo payment {request.PaymentId} lists per product.");
        return items;
    }

    private async Task<RefundResult?> FindExistingRefundAsync(string paymentId, Guid refundId, long amount, CancellationToken cancellationToken)
    {
        var payment = await client.GetPaymentAsync(paymentId, cancellationToken);
        if (payment is not { } p || !p.TryGetProperty("refunds", out var refunds) || refunds.ValueKind != JsonValueKind.Array) return null;
        foreach (var summary in refunds.EnumerateArray())
        {
            // The payment's refund list has no metadata; only refunds of our amount are worth reading in full.
            if (!summary.TryGetProperty("amount", out var a) || a.GetInt64() != amount) continue;
            var id = summary.GetProperty("refund_id").GetString()!;
            var refund = await client.GetRefundAsync(id, cancellationToken);
            if (refund is { } r && r.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("refund_id", out var ours) && ours.GetString() == refundId.ToString())
            {
                var status = r.TryGetProperty("status", out var s) ? s.GetString() : null;
                return status == "failed"
                    ? new RefundResult(false, id, "Dodo reports the refund failed.")
                    : new RefundResult(true, id, null, Completed: status == "succeeded");
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dodo refund {RefundId} submission {Submission} got no clear answer ({Error}); looking it up before any resend")]
    private static partial void LogRefundUncertain(ILogger logger, Guid refundId, int submission, string error);
}

/// <summary>The gateway may or may not have done what was asked; the caller must find out before doing it again.</summary>
internal sealed class GatewayUncertainException(string message, Exception? inner) : Exception(message, inner);
