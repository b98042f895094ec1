using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Sites;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Tenancy.Admin;

public sealed record AdminTenantView(
    Guid Id, string Slug, string Domain, string ProductName, string ProductType, string Plan, IReadOnlyList<string> Features, string Status,
    Guid CustomerId, string CustomerEmail, Guid OrderId, string? DatabaseServer, string DatabaseName, DateTimeOffset CreatedAt);

public sealed record TenantBulkRequest(IReadOnlyList<Guid>? Ids, string? Action);

public sealed record TenantBulkResult(Guid Id, string Outcome, string? Status);

public sealed record TenantBulkResponse(IReadOnlyList<TenantBulkResult> Results);

/// <summary>Administrators: list tenants, suspend and resume them one by one or in bulk. Every change is audited.</summary>
internal static class TenantAdminEndpoints
{
    private const int MaxBulk = 500;

    public static RouteGroupBuilder MapTenantAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/tenants").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("", List).WithName("AdminTenants");
        admin.MapPost("/{id:guid}/suspend", (Guid id, ClaimsPrincipal user, MarketplaceDbContext db, IAuditLog audit, TenantSites sites, TimeProvider time, CancellationToken ct) =>
            ChangeOne(id, "suspend", user, db, audit, sites, time, ct)).WithName("AdminSuspendTenant");
        admin.MapPost("/{id:guid}/resume", (Guid id, ClaimsPrincipal user, MarketplaceDbContext db, IAuditLog audit, TenantSites sites, TimeProvider time, CancellationToken ct) =>
            ChangeOne(id, "resume", user, db, audit, sites, time, ct)).WithName("AdminResumeTenant");
        admin.MapPost("/bulk", Bulk).WithName("AdminTenantsBulk").WithSummary("Suspends or resumes many tenants; one result per id.");
        return api;
    }

    internal static async Task<Results<Ok<Paged<AdminTenantView>>, ValidationProblem>> List(
        MarketplaceDbContext db, [FromQuery] string? status, [FromQuery] string? q, [FromQuery] string? page,
        [FromQuery(Name = "page_size")] string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (p, size) = Paging.Read(page, pageSize, errors);
        TenantStatus? wanted = null;
        if (status is not null)
        {
            wanted = Enum.GetValues<TenantStatus>().Cast<TenantStatus?>().FirstOrDefault(s => TenantStates.Name(s!.Value) == status);
            if (wanted is null) errors["status"] = ["Use active, suspended or cancelled."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var tenants = db.Set<Tenant>().AsNoTracking();
        if (wanted is { } w) tenants = tenants.Where(t => t.Status == w);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            tenants = tenants.Where(t => t.Slug.Contains(term) || t.CustomerEmail.ToLower().Contains(term) || t.ProductName.ToLower().Contains(term));
        }
        var total = await tenants.CountAsync(ct);
        var items = await tenants.OrderByDescending(t => t.CreatedAt).Skip((p - 1) * size).Take(size)
            .Select(t => new { t.Id, t.Slug, t.Domain, t.ProductName, t.ProductType, t.Plan, t.Features, t.Status, t.CustomerId, t.CustomerEmail, t.OrderId, t.DatabaseServer, t.DatabaseName, t.CreatedAt })
            .ToListAsync(ct);
        return TypedResults.Ok(new Paged<AdminTenantView>(items.Select(t => new AdminTenantView(t.Id, t.Slug, t.Domain, t.ProductName, t.ProductType, t.Plan,
            t.Features, TenantStates.Name(t.Status), t.CustomerId, t.CustomerEmail, t.OrderId, t.DatabaseServer, t.DatabaseName, t.CreatedAt)).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<TenantBulkResult>, ProblemHttpResult>> ChangeOne(
        Guid id, string action, ClaimsPrincipal user, MarketplaceDbContext db, IAuditLog audit, TenantSites sites, TimeProvider time, CancellationToken ct)
    {
        var result = (await ApplyAsync([id], action, user, db, audit, sites, time, ct))[0];
        return result.Outcome switch
        {
            "not_found" => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such tenant."),
            "not_allowed" => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"A {result.Status} tenant cannot be {(action == "suspend" ? "suspended" : "resumed")}."),
            _ => TypedResults.Ok(result),
        };
    }

    internal static async Task<Results<Ok<TenantBulkResponse>, ValidationProblem>> Bulk(
        TenantBulkRequest body, ClaimsPrincipal user, MarketplaceDbContext db, IAuditLog audit, TenantSites sites, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Ids is not { Count: > 0 } ids || ids.Count > MaxBulk) errors["ids"] = [$"Give 1 to {MaxBulk} tenant ids."];
        if (body.Action is not ("suspend" or "resume")) errors["action"] = ["Use suspend or resume."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The bulk action is not valid.");
        return TypedResults.Ok(new TenantBulkResponse(await ApplyAsync(body.Ids!.Distinct().ToList(), body.Action!, user, db, audit, sites, time, ct)));
    }

    /// <summary>Changes each tenant that allows it, audits each change, and saves them all in one unit of work.</summary>
    private static async Task<List<TenantBulkResult>> ApplyAsync(IReadOnlyList<Guid> ids, string action, ClaimsPrincipal user,
        MarketplaceDbContext db, IAuditLog audit, TenantSites sites, TimeProvider time, CancellationToken ct)
    {
        var target = action == "suspend" ? TenantStatus.Suspended : TenantStatus.Active;
        var tenants = await db.Set<Tenant>().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var now = time.GetUtcNow();
        var results = new List<TenantBulkResult>(ids.Count);
        var changed = new List<string>();
        foreach (var id in ids)
        {
            if (!tenants.TryGetValue(id, out var tenant)) { results.Add(new TenantBulkResult(id, "not_found", null)); continue; }
            var from = tenant.Status;
            if (from == target) { results.Add(new TenantBulkResult(id, "unchanged", TenantStates.Name(from))); continue; }
            if (!tenant.TryChange(target, now)) { results.Add(new TenantBulkResult(id, "not_allowed", TenantStates.Name(from))); continue; }
            audit.Record(user, $"tenant.{action}", "tenant", id.ToString(), new { slug = tenant.Slug, from = TenantStates.Name(from), to = TenantStates.Name(target) });
            changed.Add(tenant.Slug);
            results.Add(new TenantBulkResult(id, "changed", TenantStates.Name(target)));
        }
        await db.SaveChangesAsync(ct);
        foreach (var slug in changed) sites.Invalidate(slug);
        return results;
    }
}
