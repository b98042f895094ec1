using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Tenancy.Admin;

public sealed record AdminTenantView(
    Guid Id, string Slug, string Domain, string ProductName, string ProductType, string Plan, IReadOnlyList<string> Features, string Status,
    Guid CustomerId, string CustomerEmail, Guid OrderId, string? DatabaseServer, string DatabaseName, DateTimeOffset CreatedAt,
    string? StatusReason = null, DateTimeOffset? DeleteAfter = null, DateTimeOffset? DeletedAt = null, string? SchemaVersion = null);

public sealed record TenantBulkRequest(IReadOnlyList<Guid>? Ids, string? Action, string? Reason = null);

public sealed record TenantBulkResult(Guid Id, string Outcome, string? Status);

public sealed record TenantBulkResponse(IReadOnlyList<TenantBulkResult> Results);

/// <summary>Optional body of suspend and cancel: why (kept on the tenant and in the audit log).</summary>
public sealed record TenantActionRequest(string? Reason)
{
    // Bound by hand: a [FromBody] parameter would make a bodiless POST (the API's documented form) miss the route.
    public static async ValueTask<TenantActionRequest?> BindAsync(HttpContext context)
    {
        if (context.Request.ContentLength == 0 || !context.Request.HasJsonContentType()) return new TenantActionRequest((string?)null);
        try
        {
            var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>();
            return await context.Request.ReadFromJsonAsync<TenantActionRequest>(options.Value.SerializerOptions, context.RequestAborted)
                ?? new TenantActionRequest((string?)null);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new BadHttpRequestException("The request body is not valid JSON for this endpoint.", StatusCodes.Status400BadRequest, e);
        }
    }
}

/// <summary>
/// Administrators: list tenants; suspend, resume and cancel them one by one or in bulk, through <see cref="ITenantLifecycle"/>
/// (which audits every change). A bulk action saves all its changes in one unit of work.
/// </summary>
internal static class TenantAdminEndpoints
{
    private const int MaxBulk = 500;
    private const int MaxReason = 500;

    public static RouteGroupBuilder MapTenantAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/tenants").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("", List).WithName("AdminTenants");
        admin.MapPost("/{id:guid}/suspend", (Guid id, TenantActionRequest body, ClaimsPrincipal user, MarketplaceDbContext db, ITenantLifecycle lifecycle, CancellationToken ct) =>
            ChangeOne(id, "suspend", body.Reason, user, db, lifecycle, ct)).WithName("AdminSuspendTenant");
        admin.MapPost("/{id:guid}/resume", (Guid id, ClaimsPrincipal user, MarketplaceDbContext db, ITenantLifecycle lifecycle, CancellationToken ct) =>
            ChangeOne(id, "resume", null, user, db, lifecycle, ct)).WithName("AdminResumeTenant");
        admin.MapPost("/{id:guid}/cancel", (Guid id, TenantActionRequest body, ClaimsPrincipal user, MarketplaceDbContext db, ITenantLifecycle lifecycle, CancellationToken ct) =>
            ChangeOne(id, "cancel", body.Reason, user, db, lifecycle, ct)).WithName("AdminCancelTenant")
            .WithSummary("Cancels the tenant: its site closes at once and its database is deleted after the grace period.");
        admin.MapPost("/bulk", Bulk).WithName("AdminTenantsBulk").WithSummary("Suspends, resumes or cancels many tenants; one result per id.");
        return api;
    }

    private static async Task<Results<Ok<Paged<AdminTenantView>>, ValidationProblem>> List(
        MarketplaceDbContext db, [FromQuery] string? status, [FromQuery] string? q, [FromQuery] string? page,
        [FromQuery(Name = "page_size")] string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (p, size) = Paging.Read(page, pageSize, errors);
        TenantStatus? wanted = null;
        if (status is not null)
        {
            wanted = Enum.GetValues<TenantStatus>().Cast<TenantStatus?>().FirstOrDefault(s => TenantStates.Name(s!.Value) == status);
            if (wanted is null) errors["status"] = ["Use active, suspended, cancelled or deleted."];
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
            .Select(t => new
            {
                t.Id, t.Slug, t.Domain, t.ProductName, t.ProductType, t.Plan, t.Features, t.Status, t.CustomerId, t.CustomerEmail, t.OrderId, t.DatabaseServer,
                t.DatabaseName, t.CreatedAt, t.StatusReason, t.DeleteAfter, t.DeletedAt, t.SchemaVersion,
            })
            .ToListAsync(ct);
        return TypedResults.Ok(new Paged<AdminTenantView>(items.Select(t => new AdminTenantView(t.Id, t.Slug, t.Domain, t.ProductName, t.ProductType, t.Plan,
            t.Features, TenantStates.Name(t.Status), t.CustomerId, t.CustomerEmail, t.OrderId, t.DatabaseServer, t.DatabaseName, t.CreatedAt,
            t.StatusReason, t.DeleteAfter, t.DeletedAt, t.SchemaVersion)).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<TenantBulkResult>, ProblemHttpResult, ValidationProblem>> ChangeOne(
        Guid id, string action, string? reason, ClaimsPrincipal user, MarketplaceDbContext db, ITenantLifecycle lifecycle, CancellationToken ct)
    {
        if (reason is { Length: > MaxReason })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"At most {MaxReason} characters."] });
        var result = (await ApplyAsync([id], action, reason, user, db, lifecycle, ct))[0];
        return result.Outcome switch
        {
            "not_found" => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such tenant."),
            "not_allowed" => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"A {result.Status} tenant cannot be {Past(action)}."),
            _ => TypedResults.Ok(result),
        };
    }

    private static string Past(string action) => action switch { "suspend" => "suspended", "resume" => "resumed", _ => "cancelled" };

    private static async Task<Results<Ok<TenantBulkResponse>, ValidationProblem>> Bulk(
        TenantBulkRequest body, ClaimsPrincipal user, MarketplaceDbContext db, ITenantLifecycle lifecycle, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Ids is not { Count: > 0 } ids || ids.Count > MaxBulk) errors["ids"] = [$"Give 1 to {MaxBulk} tenant ids."];
        if (body.Action is not ("suspend" or "resume" or "cancel")) errors["action"] = ["Use suspend, resume or cancel."];
        if (body.Reason is { Length: > MaxReason }) errors["reason"] = [$"At most {MaxReason} characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The bulk action is not valid.");
        return TypedResults.Ok(new TenantBulkResponse(await ApplyAsync(body.Ids!.Distinct().ToList(), body.Action!, body.Reason, user, db, lifecycle, ct)));
    }

    /// <summary>Applies the action to each tenant that allows it (each audited by the lifecycle) and saves them all in one unit of work.</summary>
    private static async Task<List<TenantBulkResult>> ApplyAsync(IReadOnlyList<Guid> ids, string action, string? reason, ClaimsPrincipal user,
        MarketplaceDbContext db, ITenantLifecycle lifecycle, CancellationToken ct)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? $"By an administrator ({action})." : reason.Trim();
        // Load them all at once; the lifecycle then finds each among the tracked rows.
        await db.Set<Tenant>().Where(t => ids.Contains(t.Id)).LoadAsync(ct);
        var results = new List<TenantBulkResult>(ids.Count);
        foreach (var id in ids)
        {
            var result = action switch
            {
                "suspend" => await lifecycle.SuspendAsync(id, why, user, ct),
                "resume" => await lifecycle.ResumeAsync(id, user, ct),
                _ => await lifecycle.CancelAsync(id, why, user, ct),
            };
            results.Add(new TenantBulkResult(id, result.Outcome.WireName(), result.Status));
        }
        await db.SaveChangesAsync(ct);
        return results;
    }
}
