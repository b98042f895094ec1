using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Validate;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Licensing.Admin;

public sealed record AdminLicenseView(
    Guid Id,
    string KeyHint,
    Guid CustomerId,
    string CustomerEmail,
    Guid OrderId,
    string OrderNumber,
    long OrderItemId,
    string ProductSlug,
    string ProductName,
    string LicenseType,
    string SupportPlan,
    string Updates,
    DateTimeOffset? UpdatesUntil,
    string Status,
    string? StatusReason,
    int MaxActivations,
    int Activations,
    DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt);

public sealed record LicenseActionRequest(string? Reason);

/// <summary><c>months</c> adds to the current end; <c>until</c> sets a new end; one of them.</summary>
public sealed record ExtendRequest(int? Months, DateTimeOffset? Until, string? Reason);

public sealed record BulkLicenseRequest(IReadOnlyList<Guid>? Ids, string? Action, int? Months, string? Reason);

public sealed record BulkLicenseOutcome(Guid Id, string Outcome, string? Status);

public sealed record BulkLicenseResult(int Changed, IReadOnlyList<BulkLicenseOutcome> Results);

internal static class AdminLicenseEndpoints
{
    private const int MaxBulk = 200;
    private static readonly string[] Actions = ["revoke", "suspend", "reinstate", "extend"];

    public static RouteGroupBuilder MapLicenseAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/licenses").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("", List).WithName("AdminListLicenses")
            .WithSummary("Licenses, newest first; q matches a full key, the key's last group, a customer email, an order number or an id.");
        admin.MapPost("/{id:guid}/revoke", (Guid id, LicenseActionRequest? body, ClaimsPrincipal user, MarketplaceDbContext db, IAuditLog audit, TimeProvider time, CancellationToken ct)
            => One(id, "revoke", null, body?.Reason, user, db, audit, time, ct)).WithName("AdminRevokeLicense")
            .WithSummary("Revokes the license for good and withdraws its download links.");
        admin.MapPost("/{id:guid}/suspend", (Guid id, LicenseActionRequest? body, ClaimsPrincipal user, MarketplaceDbContext db, IAuditLog audit, TimeProvider time, CancellationToken ct)
            => One(id, "suspend", null, body?.Reason, user, db, audit, time, ct)).WithName("AdminSuspendLicense")
            .WithSummary("Suspends the license: validation answers SUSPENDED and its links stop working until it is reinstated.");
        admin.MapPost("/{id:guid}/reinstate", (Guid id, LicenseActionRequest? body, ClaimsPrincipal user, MarketplaceDbContext db, IAuditLog audit, TimeProvider time, CancellationToken ct)
            => One(id, "reinstate", null, body?.Reason, user, db, audit, time, ct)).WithName("AdminReinstateLicense")
            .WithSummary("Makes a suspended or expired license active again.");
        admin.MapPost("/{id:guid}/extend", Extend).WithName("AdminExtendLicenseUpdates")
            .WithSummary("Extends the period of covered updates by some months or to a date.");
        admin.MapPost("/bulk", Bulk).WithName("AdminBulkLicenses")
            .WithSummary("Applies revoke, suspend, reinstate or extend (with months) to many licenses; reports the outcome for each id.");
        return api;
    }

    internal static async Task<Results<Ok<Paged<AdminLicenseView>>, ValidationProblem>> List(
        MarketplaceDbContext db, [FromQuery] string? q, [FromQuery] string? status, [FromQuery] string? product,
        [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (p, size) = Paging.Read(page, pageSize, errors);
        LicenseStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            statusFilter = LicenseStatusNames.Parse(status);
            if (statusFilter is null) errors["status"] = ["Use one of: active, suspended, revoked, expired."];
        }
        if (q is { Length: > 200 }) errors["q"] = ["At most 200 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The license query is not valid.");

        var licenses = db.Set<License>().AsNoTracking();
        if (statusFilter is { } s) licenses = licenses.Where(l => l.Status == s);
        if (!string.IsNullOrEmpty(product)) licenses = licenses.Where(l => l.ProductSlug == product);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            if (LicenseKey.TryHash(term) is { } hash) licenses = licenses.Where(l => l.KeyHash == hash);
            else if (Guid.TryParse(term, out var id)) licenses = licenses.Where(l => l.Id == id || l.OrderId == id || l.CustomerId == id);
            else
            {
                var lower = term.ToLowerInvariant();
                var upper = term.ToUpperInvariant();
                licenses = licenses.Where(l => l.CustomerEmail.ToLower().Contains(lower) || l.OrderNumber == upper || l.KeyHint == upper);
            }
        }
        var total = await licenses.CountAsync(cancellationToken);
        var rows = await licenses.OrderByDescending(l => l.IssuedAt).Skip((p - 1) * size).Take(size).Select(l => new
        {
            l.Id, l.KeyHint, l.CustomerId, l.CustomerEmail, l.OrderId, l.OrderNumber, l.OrderItemId, l.ProductSlug, l.ProductName, l.LicenseType,
            l.SupportPlan, l.Updates, l.UpdatesUntil, l.Status, l.StatusReason, l.MaxActivations, l.ActivationCount, l.IssuedAt, l.RevokedAt,
        }).ToListAsync(cancellationToken);
        var items = rows.Select(l => new AdminLicenseView(l.Id, l.KeyHint, l.CustomerId, l.CustomerEmail, l.OrderId, l.OrderNumber, l.OrderItemId,
            l.ProductSlug, l.ProductName, l.LicenseType, l.SupportPlan, l.Updates, l.UpdatesUntil, LicenseStatusNames.Name(l.Status), l.StatusReason,
            l.MaxActivations, l.ActivationCount, l.IssuedAt, l.RevokedAt)).ToList();
        return TypedResults.Ok(new Paged<AdminLicenseView>(items, p, size, total));
    }

    private static async Task<Results<Ok<AdminLicenseView>, ValidationProblem, ProblemHttpResult>> Extend(
        Guid id, ExtendRequest request, ClaimsPrincipal user, MarketplaceDbContext db, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = CheckExtension(request.Months, request.Until);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The extension is not valid.");
        return await One(id, "extend", (request.Months, request.Until), request.Reason, user, db, audit, time, cancellationToken);
    }

    private static Dictionary<string, string[]> CheckExtension(int? months, DateTimeOffset? until)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (months is null == until is null) errors["months"] = ["Give either months (1 to 120) or until."];
        else if (months is < 1 or > 120) errors["months"] = ["Must be from 1 to 120."];
        return errors;
    }

    private static async Task<Results<Ok<AdminLicenseView>, ValidationProblem, ProblemHttpResult>> One(
        Guid id, string action, (int? Months, DateTimeOffset? Until)? extension, string? reason, ClaimsPrincipal user,
        MarketplaceDbContext db, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (reason is { Length: > 500 })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["At most 500 characters."] });
        var license = await db.Set<License>().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (license is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such license.");
        var outcome = await ApplyAsync(license, action, extension, reason, user, db, audit, time.GetUtcNow(), bulk: false, cancellationToken);
        if (outcome != "changed")
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The license cannot be changed that way.",
                detail: $"It is {LicenseStatusNames.Name(license.Status)}{(action == "extend" && license.UpdatesUntil is null ? " with lifetime updates" : "")}.");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(license));
    }

    internal static async Task<Results<Ok<BulkLicenseResult>, ValidationProblem>> Bulk(
        BulkLicenseRequest request, ClaimsPrincipal user, MarketplaceDbContext db, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var ids = request.Ids?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxBulk) errors["ids"] = [$"Give from 1 to {MaxBulk} license ids."];
        if (request.Action is null || !Actions.Contains(request.Action)) errors["action"] = [$"Use one of: {string.Join(", ", Actions)}."];
        if (request.Action == "extend")
            foreach (var (k, v) in CheckExtension(request.Months, null)) errors[k] = v;
        if (request.Reason is { Length: > 500 }) errors["reason"] = ["At most 500 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The bulk action is not valid.");

        var licenses = await db.Set<License>().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        var now = time.GetUtcNow();
        var results = new List<BulkLicenseOutcome>(ids.Count);
        foreach (var id in ids)
        {
            if (!licenses.TryGetValue(id, out var license))
            {
                results.Add(new BulkLicenseOutcome(id, "not_found", null));
                continue;
            }
            var outcome = await ApplyAsync(license, request.Action!, (request.Months, null), request.Reason, user, db, audit, now, bulk: true, cancellationToken);
            results.Add(new BulkLicenseOutcome(id, outcome, LicenseStatusNames.Name(license.Status)));
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new BulkLicenseResult(results.Count(r => r.Outcome == "changed"), results));
    }

    /// <summary>Applies one action and adds its audit entry to the same unit of work; "changed" or "not_allowed".</summary>
    private static async Task<string> ApplyAsync(License license, string action, (int? Months, DateTimeOffset? Until)? extension, string? reason,
        ClaimsPrincipal user, MarketplaceDbContext db, IAuditLog audit, DateTimeOffset now, bool bulk, CancellationToken cancellationToken)
    {
        var before = license.Status;
        var previousUpdatesUntil = license.UpdatesUntil;
        var changed = action switch
        {
            "revoke" => license.MoveTo(LicenseStatus.Revoked, now, reason),
            "suspend" => license.MoveTo(LicenseStatus.Suspended, now, reason),
            "reinstate" => license.Status is LicenseStatus.Suspended or LicenseStatus.Expired && license.MoveTo(LicenseStatus.Active, now, reason),
            "extend" => license.UpdatesUntil is { } current && license.ExtendUpdates(
                extension?.Until ?? current.AddMonths(extension?.Months ?? 0), now),
            _ => false,
        };
        if (!changed) return "not_allowed";
        if (action == "revoke") await LicenseRevocation.KillLinksAsync(db, [license.Id], now, cancellationToken);
        audit.Record(user, $"license.{action}", "license", license.Id.ToString("D"), new
        {
            product = license.ProductSlug,
            order_number = license.OrderNumber,
            previous_status = LicenseStatusNames.Name(before),
            status = LicenseStatusNames.Name(license.Status),
            previous_updates_until = previousUpdatesUntil,
            updates_until = license.UpdatesUntil,
            reason,
            bulk,
        });
        return "changed";
    }

    private static AdminLicenseView View(License l) => new(l.Id, l.KeyHint, l.CustomerId, l.CustomerEmail, l.OrderId, l.OrderNumber, l.OrderItemId,
        l.ProductSlug, l.ProductName, l.LicenseType, l.SupportPlan, l.Updates, l.UpdatesUntil, LicenseStatusNames.Name(l.Status), l.StatusReason,
        l.MaxActivations, l.ActivationCount, l.IssuedAt, l.RevokedAt);
}
