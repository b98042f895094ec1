using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Platform;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Webhooks;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Payments.Gateways.Sandbox;

/// <summary>
/// The built-in gateway of the embedded default: a hosted checkout page with Pay and Decline that
/// answers with Standard-Webhooks-signed events in the Dodo Payments envelope, exactly as Dodo would.
/// </summary>
internal sealed class SandboxGateway(MarketplaceDbContext db, TimeProvider time)
{
    /// <summary>Refunds answer in the sandbox's own table, so a resubmitted refund finds the one already made.</summary>
    public async Task<RefundResult?> FindRefundAsync(Guid refundId, CancellationToken cancellationToken)
    {
        var id = refundId.ToString();
        var made = await db.Set<SandboxWebhookDelivery>().AsNoTracking().AnyAsync(d => d.Body.Contains(id), cancellationToken);
        return made ? new RefundResult(true, "rfd_sbx_" + refundId.ToString("N")[..24], null) : null;
    }

    public async Task<CheckoutSession> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        var session = new SandboxSession
        {
            Id = "sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            OrderId = request.OrderId,
            OrderNumber = request.OrderNumber,
            Amount = request.Total.Amount,
            Currency = request.Total.Currency,
            CustomerEmail = request.CustomerEmail,
            Lines = request.Lines,
            ReturnUrl = request.ReturnUrl.ToString(),
            Status = SandboxSessionStatus.Open,
            CreatedAt = time.GetUtcNow(),
        };
        db.Set<SandboxSession>().Add(session);
        await db.SaveChangesAsync(cancellationToken);
        var origin = request.ReturnUrl.GetLeftPart(UriPartial.Authority);
        return new CheckoutSession(session.Id, $"{origin}/sandbox/checkout/{session.Id}");
    }

    public async Task<GatewayPayment?> FetchAsync(string sessionId, CancellationToken cancellationToken)
    {
        var s = await db.Set<SandboxSession>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sessionId, cancellationToken);
        if (s is null) return null;
        var status = s.Status switch
        {
            SandboxSessionStatus.Open => "open",
            SandboxSessionStatus.Paid => s.RefundedAmount == 0 ? "succeeded" : s.RefundedAmount < s.Amount ? "partially_refunded" : "refunded",
            SandboxSessionStatus.Declined => "failed",
        };
        return new GatewayPayment(s.Id, s.OrderId, status, s.PaymentId, new Money(s.Amount, s.Currency), new Money(s.RefundedAmount, s.Currency));
    }

    /// <summary>Refunds against the paid session; the remaining amount is checked and updated in one guarded UPDATE.</summary>
    public async Task<RefundResult> RefundAsync(RefundRequest request, string webhookUrl, CancellationToken cancellationToken)
    {
        if (request.Amount.Amount <= 0) return new RefundResult(false, null, "The refund amount must be positive.");
        var amount = request.Amount.Amount;
        var updated = await db.Set<SandboxSession>()
            .Where(s => s.PaymentId == request.PaymentId && s.Status == SandboxSessionStatus.Paid
                        && s.Currency == request.Amount.Currency && s.RefundedAmount + amount <= s.Amount)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RefundedAmount, s => s.RefundedAmount + amount), cancellationToken);
        if (updated == 0) return new RefundResult(false, null, "No paid sandbox payment with that id has that much left to refund.");

        var session = await db.Set<SandboxSession>().AsNoTracking().SingleAsync(s => s.PaymentId == request.PaymentId, cancellationToken);
        var refundId = request.RefundId is { } ours ? "rfd_sbx_" + ours.ToString("N")[..24] : "rfd_sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var now = time.GetUtcNow();
        var envelope = new
        {
            business_id = "bus_vozex_sandbox",
            type = "refund.succeeded",
            timestamp = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            data = new
            {
                payload_type = "Refund",
                refund_id = refundId,
                payment_id = request.PaymentId,
                amount,
                currency = session.Currency,
                reason = request.Reason,
                status = "succeeded",
                metadata = new { order_id = session.OrderId.ToString(), refund_id = request.RefundId?.ToString() },
                created_at = now,
            },
        };
        QueueWebhook(envelope, webhookUrl, now);
        await db.SaveChangesAsync(cancellationToken);
        return new RefundResult(true, refundId, null);
    }

    /// <summary>Queues a webhook in the caller's unit of work; <see cref="SandboxWebhookSender"/> signs and delivers it.</summary>
    private void QueueWebhook(object envelope, string webhookUrl, DateTimeOffset now) =>
        db.Set<SandboxWebhookDelivery>().Add(new SandboxWebhookDelivery
        {
            WebhookId = "msg_sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            Url = webhookUrl,
            Body = JsonSerializer.Serialize(envelope, EnvelopeJson),
            CreatedAt = now,
            NextAttemptAt = now,
            Status = WorkStatus.Pending,
        });

    public static readonly JsonSerializerOptions EnvelopeJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Completes a session and queues its signed webhook in the same transaction.</summary>
    public async Task<SandboxSession?> CompleteAsync(string sessionId, bool pay, string webhookUrl, CancellationToken cancellationToken)
    {
        var session = await db.Set<SandboxSession>().FindAsync([sessionId], cancellationToken);
        if (session is null) return null;
        if (session.Status != SandboxSessionStatus.Open) return session;

        var now = time.GetUtcNow();
        session.Status = pay ? SandboxSessionStatus.Paid : SandboxSessionStatus.Declined;
        session.PaymentId = "pay_sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        session.CompletedAt = now;

        var envelope = new
        {
            business_id = "bus_vozex_sandbox",
            type = pay ? "payment.succeeded" : "payment.failed",
            timestamp = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
            data = new
            {
                payload_type = "Payment",
                payment_id = session.PaymentId,
                checkout_session_id = session.Id,
                status = pay ? "succeeded" : "failed",
                total_amount = session.Amount,
                currency = session.Currency,
                error_code = pay ? null : "CARD_DECLINED",
                error_message = pay ? null : "The sandbox customer declined the payment.",
                customer = new { email = session.CustomerEmail },
                metadata = new { order_id = session.OrderId.ToString(), order_number = session.OrderNumber },
                created_at = now,
            },
        };
        QueueWebhook(envelope, webhookUrl, now);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }
}

/// <summary>Posts a queued sandbox webhook, signed now (a retry is a new attempt with a fresh timestamp, as Dodo does).</summary>
internal sealed class SandboxWebhookSender(IHttpClientFactory clients, SandboxSettings settings, TimeProvider time) : ILeasedWorkHandler<SandboxWebhookDelivery>
{
    public const string ClientName = "sandbox-webhooks";

    public async Task HandleAsync(SandboxWebhookDelivery work, CancellationToken cancellationToken)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(work.Body);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, work.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", work.WebhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookVerifier.SignatureHeader(settings.WebhookSecret, work.WebhookId, timestamp, body));
        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The webhook endpoint answered {(int)response.StatusCode}.");
    }
}
