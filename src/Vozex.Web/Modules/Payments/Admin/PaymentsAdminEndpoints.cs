using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.Payments.Health;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Jobs;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Payments.Admin;

public sealed record WebhookView(
    long Id, string Gateway, string WebhookId, string EventType, string Status, int Attempts, string? Outcome, string? LastError,
    DateTimeOffset ReceivedAt, DateTimeOffset? CompletedAt, DateTimeOffset? ReconciledAt);

public sealed record GatewayHealthList(IReadOnlyList<GatewayHealthSnapshot> Items);

internal static partial class PaymentsAdminEndpoints
{
    private static readonly string[] Statuses = ["pending", "retrying", "done", "failed"];

    public static RouteGroupBuilder MapPaymentsAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("/webhooks", ListWebhooks).WithName("AdminListWebhooks")
            .WithSummary("The webhook inbox, newest first, optionally by gateway and status (pending, retrying, done, failed).");
        admin.MapPost("/webhooks/{id:long}/replay", Replay).WithName("AdminReplayWebhook")
            .WithSummary("Processes a stored webhook again. Handlers are idempotent, so a replay of one already applied changes nothing.");
        admin.MapGet("/gateways/health", GatewaysHealth).WithName("AdminGatewayHealth")
            .WithSummary("Per gateway: recent API success rate, latency p50/p95, last error and webhook verification failures (this node).");
        return api;
    }

    internal static async Task<Results<Ok<Paged<WebhookView>>, ValidationProblem>> ListWebhooks(
        MarketplaceDbContext db, [FromQuery] string? gateway, [FromQuery] string? status, [FromQuery] string? page,
        [FromQuery(Name = "page_size")] string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (p, size) = Paging.Read(page, pageSize, errors);
        WorkStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Array.IndexOf(Statuses, status) < 0) errors["status"] = [$"One of: {string.Join(", ", Statuses)}."];
            else wanted = Enum.Parse<WorkStatus>(status, ignoreCase: true);
        }
        if (gateway is { Length: > 30 }) errors["gateway"] = ["Unknown gateway."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The webhook query is not valid.");

        var rows = db.Set<WebhookInboxEntry>().AsNoTracking();
        if (!string.IsNullOrEmpty(gateway)) rows = rows.Where(e => e.Gateway == gateway);
        if (wanted is { } w) rows = rows.Where(e => e.Status == w);
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(e => e.Id).Skip((p - 1) * size).Take(size)
            .Select(e => new { e.Id, e.Gateway, e.WebhookId, e.EventType, e.Status, e.Attempts, e.Outcome, e.LastError, e.ReceivedAt, e.CompletedAt, e.ReconciledAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Paged<WebhookView>(items.Select(e => new WebhookView(e.Id, e.Gateway, e.WebhookId, e.EventType,
            e.Status.WireName(), e.Attempts, e.Outcome, e.LastError, e.ReceivedAt, e.CompletedAt, e.ReconciledAt)).ToList(), p, size, total));
    }

    internal static async Task<Results<Accepted<WebhookView>, ProblemHttpResult>> Replay(
        long id, ClaimsPrincipal user, MarketplaceDbContext db, TimeProvider time, WorkSignal<WebhookInboxEntry> signal, IAuditLog audit,
        ILogger<WebhookInboxEntry> logger, CancellationToken cancellationToken)
    {
        var entry = await db.Set<WebhookInboxEntry>().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such webhook.");
        if (entry.LeaseExpiresAt > time.GetUtcNow())
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "The webhook is being processed right now.");
        entry.Status = WorkStatus.Pending;
        entry.Attempts = 0;
        entry.NextAttemptAt = time.GetUtcNow();
        entry.LastError = null;
        entry.CompletedAt = null;
        entry.ReconciledAt = null;
        entry.Outcome = "replay requested";
        audit.Record(user, "webhook.replay", "webhook", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { entry.Gateway, entry.WebhookId, entry.EventType });
        await db.SaveChangesAsync(cancellationToken);
        signal.Pulse();
        LogReplay(logger, id, user.Identity?.Name ?? user.UserId()?.ToString() ?? "admin");
        return TypedResults.Accepted($"/api/v1/admin/webhooks?gateway={entry.Gateway}", new WebhookView(entry.Id, entry.Gateway, entry.WebhookId, entry.EventType,
            "pending", 0, entry.Outcome, null, entry.ReceivedAt, null, null));
    }

    internal static Ok<GatewayHealthList> GatewaysHealth(GatewayHealth health, GatewayConfiguration configuration) =>
        TypedResults.Ok(new GatewayHealthList(GatewayConfiguration.All.Select(g => health.Snapshot(g, configuration.IsConfigured(g))).ToList()));

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Id} replay requested by {Admin}")]
    private static partial void LogReplay(ILogger logger, long id, string admin);
}
