using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Admin.Audit;

internal sealed record AuditEntryView(long Id, DateTimeOffset At, Guid? ActorId, string ActorEmail, string Action, string TargetType, string TargetId, string? Details);

internal static class AuditLogEndpoints
{
    public static RouteGroupBuilder MapAuditLogApi(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/audit-log", List)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin").WithName("AdminAuditLog")
            .WithSummary("Administrative actions, newest first, filtered by action, target, actor email or date (from/to: dates, to inclusive, or ISO 8601 instants).");
        return api;
    }

    internal static async Task<Results<Ok<Paged<AuditEntryView>>, ValidationProblem>> List(
        MarketplaceDbContext db,
        [FromQuery] string? action, [FromQuery(Name = "target_type")] string? targetType, [FromQuery(Name = "target_id")] string? targetId,
        [FromQuery] string? actor, [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken cancellationToken, [FromQuery] string? from = null, [FromQuery] string? to = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (p, size) = Paging.Read(page, pageSize, errors);
        var window = AuditWindow.Read(from, to, errors);
        foreach (var (name, value) in new[] { ("action", action), ("target_type", targetType), ("target_id", targetId), ("actor", actor) })
            if (value is { Length: > 200 }) errors[name] = ["Use at most 200 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The audit-log query is not valid.");

        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action)) entries = entries.Where(e => e.Action == action);
        if (!string.IsNullOrWhiteSpace(targetType)) entries = entries.Where(e => e.TargetType == targetType);
        if (!string.IsNullOrWhiteSpace(targetId)) entries = entries.Where(e => e.TargetId == targetId);
        if (window.Start is { } start) entries = entries.Where(e => e.At >= start);
        if (window.End is { } end) entries = entries.Where(e => e.At < end);
        if (!string.IsNullOrWhiteSpace(actor))
        {
            var term = actor.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.ActorEmail.ToLower().Contains(term));
        }
        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(e => e.Id).Skip((p - 1) * size).Take(size)
            .Select(e => new AuditEntryView(e.Id, e.At, e.ActorId, e.ActorEmail, e.Action, e.TargetType, e.TargetId, e.Details))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Paged<AuditEntryView>(items, p, size, total));
    }
}
