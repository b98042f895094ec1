using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Health;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Payments.Gateways.PayPal;

internal static partial class PayPalEndpoints
{
    private static readonly string[] TransmissionHeaders =
        ["paypal-transmission-id", "paypal-transmission-time", "paypal-transmission-sig", "paypal-cert-url", "paypal-auth-algo"];

    public static IEndpointRouteBuilder MapPayPalGateway(this IEndpointRouteBuilder app)
    {
        app.MapGet("/payments/paypal/return", Return).ExcludeFromDescription();
        app.MapPost("/webhooks/paypal", Receive)
            .WithTags("Webhooks").AllowAnonymous().DisableAntiforgery()
            .WithName("PayPalWebhook")
            .WithSummary("PayPal webhook events, verified through PayPal's verify-webhook-signature postback.");
        return app;
    }

    /// <summary>
    /// The buyer's way back from PayPal. The query string proves nothing (anyone can type it): the server captures the
    /// order at PayPal and decides on the capture's status; then the buyer goes to the order page, which shows the truth.
    /// </summary>
    private static async Task<Results<RedirectHttpResult, NotFound>> Return(
        string? token, PayPalGateway gateway, MarketplaceDbContext db, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!gateway.IsConfigured || string.IsNullOrEmpty(token)) return TypedResults.NotFound();
        var record = await db.Set<PayPalOrderRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.PayPalOrderId == token, cancellationToken);
        if (record is null) return TypedResults.NotFound();
        try
        {
            await gateway.CaptureAndApplyAsync(token, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The approval webhook applied the same capture at the same moment; its application stands.
        }
        catch (Exception ex) when (ex is PayPalApiException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            // PayPal is unreachable now: the approval webhook or reconciliation captures later; the order page shows it pending.
            LogCaptureDeferred(loggers.CreateLogger("Vozex.Payments.PayPal"), record.OrderId, ex.GetType().Name);
        }
        return TypedResults.Redirect(record.ReturnUrl);
    }

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> Receive(
        HttpRequest request, IOptions<PayPalOptions> options, PayPalClient client, MarketplaceDbContext db, TimeProvider time,
        WorkSignal<WebhookInboxEntry> signal, GatewayHealth health, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Vozex.Payments.Webhooks");
        if (!options.Value.IsConfigured) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "PayPal is not configured.");
        var body = await WebhookIntake.ReadBodyAsync(request, cancellationToken);
        if (body is null) return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: "The webhook body is too large.");

        var headers = TransmissionHeaders.ToDictionary(h => h, h => request.Headers[h].ToString(), StringComparer.Ordinal);
        if (headers.Values.Any(string.IsNullOrEmpty))
            return WebhookIntake.Reject(health, logger, GatewayNames.PayPal, "missing PayPal transmission headers",
                StatusCodes.Status401Unauthorized, "The PayPal transmission headers are required.");

        string id, eventType;
        try
        {
            using var json = JsonDocument.Parse(body);
            id = json.RootElement.GetProperty("id").GetString() ?? throw new KeyNotFoundException();
            eventType = json.RootElement.TryGetProperty("event_type", out var t) ? t.GetString() ?? "unknown" : "unknown";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The webhook body is not a PayPal event.");
        }

        bool verified;
        try
        {
            verified = await client.VerifyWebhookAsync(headers, body, cancellationToken);
        }
        catch (Exception ex) when (ex is PayPalApiException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            // Cannot tell now; a 503 makes PayPal deliver it again later.
            LogVerifyUnavailable(logger, ex.GetType().Name);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "PayPal's verification is unavailable; retry later.");
        }
        if (!verified)
            return WebhookIntake.Reject(health, logger, GatewayNames.PayPal, "verification failed",
                StatusCodes.Status401Unauthorized, "PayPal did not verify this webhook's signature.");

        health.RecordWebhookAccepted(GatewayNames.PayPal);
        return await WebhookIntake.StoreAsync(GatewayNames.PayPal, id, eventType, body, headers, db, time, signal, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PayPal capture on return for order {OrderId} deferred: {Error}")]
    private static partial void LogCaptureDeferred(ILogger logger, Guid orderId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PayPal webhook verification unavailable ({Error}); answered 503 so PayPal retries")]
    private static partial void LogVerifyUnavailable(ILogger logger, string error);
}
