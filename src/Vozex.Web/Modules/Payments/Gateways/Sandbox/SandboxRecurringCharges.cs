using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Payments.Gateways.Sandbox;

/// <summary>
/// Scheduled charges on the sandbox: a paid sandbox session (so the payment can later be refunded like a checkout's) and
/// the payment record, both in the caller's unit of work. The payment id derives from the charge key, so a repeated
/// charge finds the first and a concurrent one breaks the unique payment index instead of charging twice.
/// </summary>
internal sealed class SandboxRecurringCharges(MarketplaceDbContext db, SandboxSettings settings, SandboxRenewalScript script, TimeProvider time) : IRecurringCharges
{
    public bool ChargesOnSchedule(string gateway) => gateway == GatewayNames.Sandbox && settings.Enabled;

    public async Task<RecurringChargeResult> ChargeAsync(RecurringCharge charge, CancellationToken cancellationToken)
    {
        if (!ChargesOnSchedule(charge.Gateway)) return new RecurringChargeResult(false, null, $"{charge.Gateway} does not take scheduled charges.");
        if (charge.Amount.Amount <= 0) return new RecurringChargeResult(false, null, "The amount must be positive.");
        var paymentId = "pay_sbx_r_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(charge.ChargeKey)))[..24];
        if (await db.Set<PaymentRecord>().AnyAsync(p => p.Gateway == GatewayNames.Sandbox && p.GatewayPaymentId == paymentId, cancellationToken))
            return new RecurringChargeResult(true, paymentId, null);
        if (script.Decline) return new RecurringChargeResult(false, null, "The sandbox card was declined (scripted).");

        var now = time.GetUtcNow();
        db.Set<SandboxSession>().Add(new SandboxSession
        {
            Id = "sbx_r_" + paymentId[10..],
            OrderId = charge.OrderId,
            OrderNumber = "",
            Amount = charge.Amount.Amount,
            Currency = charge.Amount.Currency,
            CustomerEmail = charge.CustomerEmail,
            Lines = [new CheckoutLine(charge.Description, charge.Amount)],
            ReturnUrl = "",
            Status = SandboxSessionStatus.Paid,
            PaymentId = paymentId,
            CreatedAt = now,
            CompletedAt = now,
        });
        db.Set<PaymentRecord>().Add(new PaymentRecord
        {
            Gateway = GatewayNames.Sandbox,
            GatewayPaymentId = paymentId,
            OrderId = charge.OrderId,
            Amount = charge.Amount.Amount,
            Currency = charge.Amount.Currency,
            Status = "succeeded",
            Application = "applied",
            CreatedAt = now,
        });
        return new RecurringChargeResult(true, paymentId, null);
    }
}
