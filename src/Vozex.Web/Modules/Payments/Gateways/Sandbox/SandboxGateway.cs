using System.Security.Cryptography;
using System.Text.Json;
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
        db.Set<SandboxWebhookDelivery>().Add(new SandboxWebhookDelivery
        {
            WebhookId = "msg_sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            Url = webhookUrl,
            Body = JsonSerializer.Serialize(envelope, EnvelopeJson),
            CreatedAt = now,
            NextAttemptAt = now,
            Status = WorkStatus.Pending,
        });
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
