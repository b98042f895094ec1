using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Events;
using Vozex.Web.Modules.Payments.Gateways;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Payments.Reconciliation;

/// <summary>How often reconciliation looks again at an order: 5 min, 10, 20, ... at most hourly (its row is the sweep's memory).</summary>
internal sealed class ReconciliationCheck
{
    public Guid OrderId { get; init; }
    public int Checks { get; set; }
    public DateTimeOffset LastCheckedAt { get; set; }
    public DateTimeOffset NextCheckAt { get; set; }
    public string? LastOutcome { get; set; }
}

/// <summary>
/// Asks an order's gateway what became of its checkout and applies the answer through <see cref="PaymentApplier"/>, the
/// path webhooks take, so a lost webhook and a late one together still pay the order once.
/// </summary>
internal sealed class PaymentReconciler(MarketplaceDbContext db, IOrderPaymentSink orders, PaymentGateways gateways, PaymentApplier applier) : IPaymentReconciler
{
    public async Task<string> RecheckOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var target = await orders.FindSessionAsync(orderId, cancellationToken);
        if (target is null) return "unknown order";
        if (target.SessionId is null) return "the order has no gateway checkout yet";
        if (!gateways.IsEnabled(target.Gateway)) return $"{target.Gateway} is not configured";

        var payment = await gateways.FetchPaymentAsync(target.Gateway, target.SessionId, cancellationToken);
        string outcome;
        if (payment is null) outcome = "the gateway does not know the checkout";
        else if (GatewayStatus.IsPaid(payment.Status) && payment.PaymentId is not null)
            outcome = await applier.ConfirmAsync(target.Gateway, payment.PaymentId, orderId, payment.Amount, cancellationToken);
        else if (payment.Status == GatewayStatus.Failed)
            outcome = await applier.DeclineAsync(target.Gateway, payment.PaymentId, orderId, "reported failed by the gateway on re-check", cancellationToken);
        else outcome = "still open at the gateway";

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A webhook applied the same payment at the same moment; its application stands.
            db.ChangeTracker.Clear();
            outcome = "applied concurrently by a webhook";
        }
        return $"{target.Gateway}: {payment?.Status ?? "unknown"}; {outcome}";
    }

    /// <summary>The VOZEX order an inbox entry is about, from whichever field its gateway puts it in.</summary>
    public static Guid? OrderIdOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var data = root.Obj("data").ValueKind == JsonValueKind.Object ? root.Obj("data") : root.Obj("resource");
            return data.Obj("metadata").GuidOf("order_id")
                   ?? data.GuidOf("custom_id")
                   ?? (data.Obj("purchase_units") is { ValueKind: JsonValueKind.Array } units && units.GetArrayLength() > 0 ? units[0].GuidOf("custom_id") : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
