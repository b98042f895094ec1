using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Gateways.DodoPayments;
using Vozex.Web.Modules.Payments.Gateways.Sandbox;
using Vozex.Web.Modules.Payments.Health;
using Vozex.Web.Modules.Payments.Webhooks;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Payments.Inbox;

/// <summary>
/// The webhook endpoints: verify → store in the inbox (unique per gateway and webhook id) → 2xx.
/// Processing happens later in <see cref="InboxProcessor"/>, so the gateway never waits on our business logic.
/// </summary>
internal static partial class WebhookIntake
{
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapWebhookIntake(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/webhooks").WithTags("Webhooks").AllowAnonymous().DisableAntiforgery();
        webhooks.MapPost("/sandbox", ReceiveSandbox)
            .WithName("SandboxWebhook")
            .WithSummary("Standard Webhooks signed events from the sandbox gateway (Dodo Payments envelope).");
        webhooks.MapPost("/dodo-payments", ReceiveDodo)
            .WithName("DodoPaymentsWebhook")
            .WithSummary("Standard Webhooks signed events from Dodo Payments; several secrets are accepted during a rotation.");
        return app;
    }

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveDodo(
        HttpRequest request, IOptions<DodoPaymentsOptions> options, MarketplaceDbContext db, TimeProvider time,
        WorkSignal<WebhookInboxEntry> signal, GatewayHealth health, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
            return Problem(StatusCodes.Status404NotFound, "Dodo Payments is not configured.");
        return await ReceiveStandardWebhook(GatewayNames.DodoPayments, new StandardWebhookVerifier([.. options.Value.WebhookSecrets]), request, db, time, signal,
            health, loggers.CreateLogger("Vozex.Payments.Webhooks"), cancellationToken);
    }

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveSandbox(
        HttpRequest request, SandboxSettings settings, MarketplaceDbContext db, TimeProvider time,
        WorkSignal<WebhookInboxEntry> signal, GatewayHealth health, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!settings.Enabled)
            return Problem(StatusCodes.Status404NotFound, "The sandbox gateway is disabled.");
        return await ReceiveStandardWebhook("sandbox", new StandardWebhookVerifier(settings.WebhookSecret), request, db, time, signal,
            health, loggers.CreateLogger("Vozex.Payments.Webhooks"), cancellationToken);
    }

    /// <summary>Shared by every gateway that signs with Standard Webhooks (the sandbox now, Dodo Payments next).</summary>
    internal static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveStandardWebhook(
        string gateway, StandardWebhookVerifier verifier, HttpRequest request, MarketplaceDbContext db, TimeProvider time,
        WorkSignal<WebhookInboxEntry> signal, GatewayHealth health, ILogger logger, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null) return Problem(StatusCodes.Status413PayloadTooLarge, "The webhook body is too large.");

        var id = request.Headers["webhook-id"].ToString();
        var verdict = verifier.Verify(id, request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], body, time.GetUtcNow());
        if (verdict != WebhookVerdict.Valid)
        {
            return Reject(health, logger, gateway, verdict.WireName(), StatusCodes.Status401Unauthorized, verdict switch
            {
                WebhookVerdict.MissingHeaders => "The webhook-id, webhook-timestamp and webhook-signature headers are required.",
                WebhookVerdict.BadTimestamp => "The webhook-timestamp header is not a Unix time.",
                WebhookVerdict.StaleTimestamp => "The webhook timestamp is outside the 5-minute tolerance.",
                _ => "No webhook signature matches.",
            });
        }

        string eventType;
        try
        {
            using var json = JsonDocument.Parse(body);
            eventType = json.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "unknown";
        }
        catch (JsonException)
        {
            return Problem(StatusCodes.Status400BadRequest, "The webhook body is not JSON.");
        }

        health.RecordWebhookAccepted(gateway);
        var headers = request.Headers
            .Where(h => h.Key.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        return await StoreAsync(gateway, id, eventType, body, headers, db, time, signal, cancellationToken);
    }

    /// <summary>Stores a verified webhook once per (gateway, id) and wakes the processor; a duplicate is acknowledged and changes nothing.</summary>
    internal static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> StoreAsync(
        string gateway, string id, string eventType, byte[] body, IReadOnlyDictionary<string, string> headers,
        MarketplaceDbContext db, TimeProvider time, WorkSignal<WebhookInboxEntry> signal, CancellationToken cancellationToken)
    {
        if (id.Length > 200) return Problem(StatusCodes.Status400BadRequest, "The webhook id is too long.");
        if (await db.Set<WebhookInboxEntry>().AnyAsync(e => e.Gateway == gateway && e.WebhookId == id, cancellationToken))
            return TypedResults.Ok(new WebhookReceipt(true, Duplicate: true));

        var now = time.GetUtcNow();
        db.Set<WebhookInboxEntry>().Add(new WebhookInboxEntry
        {
            Gateway = gateway,
            WebhookId = id,
            EventType = eventType.Length > 100 ? eventType[..100] : eventType,
            Body = System.Text.Encoding.UTF8.GetString(body),
            Headers = JsonSerializer.Serialize(headers),
            ReceivedAt = now,
            NextAttemptAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent delivery of the same event won the unique index; that one is processed.
            if (await IsStoredAsync(db, gateway, id, cancellationToken))
                return TypedResults.Ok(new WebhookReceipt(true, Duplicate: true));
            throw;
        }
        signal.Pulse();
        return TypedResults.Ok(new WebhookReceipt(true, Duplicate: false));
    }

    private static async Task<bool> IsStoredAsync(MarketplaceDbContext db, string gateway, string id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Set<WebhookInboxEntry>().AnyAsync(e => e.Gateway == gateway && e.WebhookId == id, cancellationToken);
    }

    /// <summary>Counts the rejection in the gateway's health and answers with a problem; nothing is stored.</summary>
    internal static ProblemHttpResult Reject(GatewayHealth health, ILogger logger, string gateway, string reason, int status, string detail)
    {
        health.RecordWebhookRejected(gateway, reason);
        LogRejected(logger, gateway, reason);
        return Problem(status, detail);
    }

    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a {Gateway} webhook: {Reason}")]
    private static partial void LogRejected(ILogger logger, string gateway, string reason);
}

public sealed record WebhookReceipt(bool Received, bool Duplicate);
