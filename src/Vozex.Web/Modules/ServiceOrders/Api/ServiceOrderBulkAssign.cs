using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.ServiceOrders.Assignment;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.ServiceOrders.Api;

public sealed record BulkAssignRequest(IReadOnlyList<Guid>? Ids, Guid? ProviderId);

public sealed record BulkAssignOutcome(Guid Id, string Outcome, string? Status);

public sealed record BulkAssignResult(int Assigned, IReadOnlyList<BulkAssignOutcome> Results);

/// <summary>
/// POST /admin/service-orders/bulk-assign: assigns (or reassigns) many orders to one provider by hand, each in its own
/// transaction as the single assignment does, so one order that cannot move never holds the others back.
/// </summary>
internal static class ServiceOrderBulkAssign
{
    public const int MaxBulk = 100;

    public static RouteGroupBuilder MapServiceOrderBulkAssign(this RouteGroupBuilder api)
    {
        api.MapPost("/admin/service-orders/bulk-assign", BulkAssign).RequireAuthorization(Policies.Admin).WithTags("Admin")
            .WithName("AdminBulkAssignServiceOrders")
            .WithSummary("Assigns many waiting or assigned orders to one provider; reports assigned, not_found, provider_at_capacity or not_assignable per id.");
        return api;
    }

    internal static async Task<Results<Ok<BulkAssignResult>, ValidationProblem>> BulkAssign(
        BulkAssignRequest body, ClaimsPrincipal user, MarketplaceDbContext db, ServiceOrderActions actions, ProviderAssignment assignment,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var ids = body.Ids?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxBulk) errors["ids"] = [$"Give from 1 to {MaxBulk} service order ids."];
        if (body.ProviderId is not { } providerId || !await db.Set<Provider>().AnyAsync(p => p.Id == providerId, ct))
            errors["provider_id"] = ["Choose a registered provider."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The bulk assignment is not valid.");

        var results = new List<BulkAssignOutcome>(ids.Count);
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            if (await actions.ForAdminAsync(id, ct) is not { } order)
            {
                results.Add(new BulkAssignOutcome(id, "not_found", null));
                continue;
            }
            // The assignment audits itself in its own transaction, so only orders that moved are in the audit log.
            var outcome = await assignment.AssignAsync(order, body.ProviderId!.Value, user, ct);
            results.Add(new BulkAssignOutcome(id, outcome switch
            {
                AssignmentOutcome.Assigned => "assigned",
                AssignmentOutcome.ProviderAtCapacity => "provider_at_capacity",
                AssignmentOutcome.NotAssignable or AssignmentOutcome.NoQualifiedProvider => "not_assignable",
            }, Vozex.Web.Platform.Http.WireNames.WireName(order.Status)));
        }
        db.ChangeTracker.Clear();
        return TypedResults.Ok(new BulkAssignResult(results.Count(r => r.Outcome == "assigned"), results));
    }
}
