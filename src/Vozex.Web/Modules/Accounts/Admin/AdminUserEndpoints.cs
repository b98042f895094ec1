using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Accounts.Data;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Accounts.Admin;

internal sealed record AdminUserView(Guid Id, string Email, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool LockedOut);

internal static class AdminUserEndpoints
{
    public static RouteGroupBuilder MapAdminUsersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/users", ListUsers)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin").WithName("AdminListUsers")
            .WithSummary("Accounts, newest first, optionally filtered by email or name (q).");
        return api;
    }

    private static async Task<Results<Ok<Paged<AdminUserView>>, ValidationProblem>> ListUsers(
        MarketplaceDbContext db, TimeProvider time,
        [FromQuery] string? q, [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (q is { Length: > 200 }) errors["q"] = ["Use at most 200 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The user query is not valid.");

        var users = db.Users().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(term) || u.Name.ToUpper().Contains(term));
        }
        var total = await users.CountAsync(cancellationToken);
        var rows = await users.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip((p - 1) * size).Take(size)
            .Select(u => new { u.Id, u.Email, u.Name, u.CreatedAt, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var roles = await AccountDirectory.RolesOfAsync(db, rows.Select(r => r.Id).ToList(), cancellationToken);
        var now = time.GetUtcNow();
        var items = rows.Select(r => new AdminUserView(r.Id, r.Email ?? "", r.Name, roles.GetValueOrDefault(r.Id, []), r.CreatedAt, r.LockoutEnd > now)).ToList();
        return TypedResults.Ok(new Paged<AdminUserView>(items, p, size, total));
    }
}
