using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Events;
using Vozex.Web.Modules.Payments.Subscriptions;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Payments.Gateways.PayPal;

/// <summary>
/// PayPal's Subscriptions API for a checkout with one SaaS item (ADR 0015): a catalog product and billing plan per price
/// (cached by key, created with deterministic PayPal-Request-Ids so concurrent checkouts agree), then a subscription whose
/// approve link is the checkout page. The SaaS item alone: PayPal bills the first period at once (its
/// <c>PAYMENT.SALE.COMPLETED</c> pays the order) and every later one on its own schedule. With one-time items beside it, the
/// whole order is the subscription's setup fee (one approval, one charge that pays the order) and the plan's first regular
/// charge starts one cycle later.
/// </summary>
internal sealed class PayPalSubscriptions(PayPalClient client, IOptions<PayPalOptions> options, MarketplaceDbContext db, TimeProvider time)
{
    /// <summary>Whether this checkout is paid by a subscription: exactly one recurring line (any number of one-time lines beside it).</summary>
    public bool Handles(CheckoutRequest request) =>
        options.Value.Subscriptions && request.Lines.Count(l => l.BillingCycle is not null) == 1
        && request.Lines.All(l => PayPalAmounts.CanFormat(l.Amount)) && PayPalAmounts.CanFormat(request.Total);

    public async Task<CheckoutSession> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        var line = request.Lines.Single(l => l.BillingCycle is not null);
        var planId = await EnsurePlanAsync(line, cancellationToken);
        var origin = request.ReturnUrl.GetLeftPart(UriPartial.Authority);
        var body = new JsonObject
        {
            ["plan_id"] = planId,
            ["custom_id"] = request.OrderId.ToString(),
            ["subscriber"] = new JsonObject { ["email_address"] = request.CustomerEmail },
            ["application_context"] = new JsonObject
            {
                ["brand_name"] = options.Value.BrandName,
                ["user_action"] = "SUBSCRIBE_NOW",
                ["shipping_preference"] = "NO_SHIPPING",
                // Approval is not payment: the order page waits for PAYMENT.SALE.COMPLETED.
                ["return_url"] = request.ReturnUrl.ToString(),
                ["cancel_url"] = $"{origin}/orders/{request.OrderId}",
            },
        };
        if (request.Lines.Count > 1 || line.Amount != request.Total)
        {
            // A subscription cannot carry one-time items: the whole order is its setup fee, charged on approval, and the
            // plan's own charges begin when the first period ends.
            var months = line.BillingCycle switch { "quarterly" => 3, "annual" => 12, _ => 1 };
            body["start_time"] = time.GetUtcNow().AddMonths(months).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            body["plan"] = new JsonObject
            {
                ["payment_preferences"] = new JsonObject
                {
                    ["auto_bill_outstanding"] = true,
                    ["setup_fee"] = new JsonObject { ["currency_code"] = request.Total.Currency, ["value"] = PayPalAmounts.Format(request.Total) },
                    ["setup_fee_failure_action"] = "CANCEL",
                    ["payment_failure_threshold"] = options.Value.PaymentFailureThreshold,
                },
            };
        }
        var subscription = await client.CreateSubscriptionAsync(body, $"vozex-subscription-{request.OrderId:N}", cancellationToken);
        var id = subscription.Str("id") ?? throw new FormatException("PayPal returned a subscription without id.");
        var approve = subscription.GetProperty("links").EnumerateArray().FirstOrDefault(l => l.Str("rel") == "approve");
        if (approve.ValueKind != JsonValueKind.Object) throw new FormatException("PayPal returned a subscription without an approve link.");

        // Known before PayPal says anything else about it, so every event of the subscription finds its order.
        if (!await db.Set<GatewaySubscriptionLink>().AnyAsync(l => l.Gateway == GatewayNames.PayPal && l.GatewaySubscriptionId == id, cancellationToken))
        {
            db.Set<GatewaySubscriptionLink>().Add(new GatewaySubscriptionLink
            {
                Gateway = GatewayNames.PayPal, GatewaySubscriptionId = id, OrderId = request.OrderId, CreatedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        return new CheckoutSession(id, approve.Str("href")!);
    }

    /// <summary>The plan key: what the plan charges (catalog product, cycle, amount, currency).</summary>
    public static string PlanKey(CheckoutLine line) =>
        $"{line.ProductKey ?? line.Description}:{line.BillingCycle}:{line.Amount.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{line.Amount.Currency}";

    private async Task<string> EnsurePlanAsync(CheckoutLine line, CancellationToken cancellationToken)
    {
        var key = PlanKey(line);
        var known = await db.Set<PayPalPlanMapping>().AsNoTracking().Where(m => m.Key == key).Select(m => m.PayPalPlanId).FirstOrDefaultAsync(cancellationToken);
        if (known is not null) return known;

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        var name = line.Description.Length > 127 ? line.Description[..127] : line.Description;
        var product = await client.CreateCatalogProductAsync(new JsonObject
        {
            ["name"] = name, ["type"] = "SERVICE", ["category"] = "SOFTWARE", ["description"] = $"VOZEX {line.ProductKey ?? name}",
        }, $"vozex-product-{hash}", cancellationToken);
        var productId = product.Str("id") ?? throw new FormatException("PayPal returned a product without id.");
        var (unit, count) = line.BillingCycle switch
        {
            "quarterly" => ("MONTH", 3),
            "annual" => ("YEAR", 1),
            _ => ("MONTH", 1),
        };
        var plan = await client.CreatePlanAsync(new JsonObject
        {
            ["product_id"] = productId,
            ["name"] = $"{name} {line.Amount.Display()}",
            ["status"] = "ACTIVE",
            ["billing_cycles"] = new JsonArray(new JsonObject
            {
                ["frequency"] = new JsonObject { ["interval_unit"] = unit, ["interval_count"] = count },
                ["tenure_type"] = "REGULAR",
                ["sequence"] = 1,
                ["total_cycles"] = 0, // open-ended: runs until cancelled
                ["pricing_scheme"] = new JsonObject
                {
                    ["fixed_price"] = new JsonObject { ["currency_code"] = line.Amount.Currency, ["value"] = PayPalAmounts.Format(line.Amount) },
                },
            }),
            ["payment_preferences"] = new JsonObject
            {
                ["auto_bill_outstanding"] = true,
                ["payment_failure_threshold"] = options.Value.PaymentFailureThreshold,
            },
        }, $"vozex-plan-{hash}", cancellationToken);
        var planId = plan.Str("id") ?? throw new FormatException("PayPal returned a plan without id.");

        var mapping = new PayPalPlanMapping { Key = key, PayPalProductId = productId, PayPalPlanId = planId, CreatedAt = time.GetUtcNow() };
        db.Set<PayPalPlanMapping>().Add(mapping);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return planId;
        }
        catch (DbUpdateException)
        {
            // A concurrent checkout recorded the plan first (the same one, thanks to the request ids, or its own); use theirs.
            db.Entry(mapping).State = EntityState.Detached;
            return await db.Set<PayPalPlanMapping>().AsNoTracking().Where(m => m.Key == key).Select(m => m.PayPalPlanId).FirstAsync(cancellationToken);
        }
    }

    /// <summary>For reconciliation: a subscription's state (its payments arrive as PAYMENT.SALE.COMPLETED).</summary>
    public async Task<GatewayPayment?> FetchAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await client.GetSubscriptionAsync(subscriptionId, cancellationToken);
        if (subscription is not { } s) return null;
        var orderId = s.GuidOf("custom_id") ?? Guid.Empty;
        var status = s.Str("status") is "CANCELLED" or "EXPIRED" && s.Obj("billing_info").Obj("last_payment").ValueKind != JsonValueKind.Object
            ? GatewayStatus.Failed : GatewayStatus.Open;
        return new GatewayPayment(subscriptionId, orderId, status, null, default, default);
    }
}
