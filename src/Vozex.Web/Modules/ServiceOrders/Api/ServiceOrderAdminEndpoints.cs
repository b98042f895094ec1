using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.ServiceOrders.Assignment;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.ServiceOrders.Api;

public sealed record AssignRequest(Guid? ProviderId);

public sealed record ProviderRequest(string? Email, string? Name, IReadOnlyList<string>? Skills, int? Capacity, bool? Available);

public sealed record AdminProviderView(Guid Id, string Name, string Email, IReadOnlyList<string> Skills, bool Available, int Capacity, int OpenOrders,
    double? Rating, int RatingCount, DateTimeOffset CreatedAt);

/// <summary>Administrators: service orders (list, manual assignment, cancel) and providers (list, register, edit). Every change is audited.</summary>
internal static class ServiceOrderAdminEndpoints
{
    public static RouteGroupBuilder MapServiceOrderAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("/service-orders", List).WithName("AdminServiceOrders");
        admin.MapGet("/service-orders/{id:guid}", async (Guid id, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct) =>
            await actions.ForAdminAsync(id, ct) is { } order
                ? (Results<Ok<ServiceOrderView>, NotFound<ProblemDetails>>)TypedResults.Ok(await q.ViewAsync(order, ct))
                : ServiceOrderEndpoints.NotFound()).WithName("AdminServiceOrder");
        admin.MapPost("/service-orders/{id:guid}/assign", Assign).WithName("AdminAssignServiceOrder")
            .WithSummary("Assigns (or reassigns) an order to a provider by hand; the provider's capacity still holds.");
        admin.MapPost("/service-orders/{id:guid}/cancel", Cancel).WithName("AdminCancelServiceOrder");
        admin.MapGet("/providers", ListProviders).WithName("AdminProviders");
        admin.MapPost("/providers", CreateProvider).WithName("AdminCreateProvider")
            .WithSummary("Registers a provider; an account is opened for the email if there is none (its owner sets a password through \"forgot password\").");
        admin.MapPut("/providers/{id:guid}", EditProvider).WithName("AdminEditProvider");
        return api;
    }

    internal static async Task<Results<Ok<Paged<ServiceOrderSummaryView>>, ValidationProblem>> List(
        MarketplaceDbContext db, ServiceOrderQueries q, [FromQuery] string? status, [FromQuery(Name = "provider_id")] Guid? providerId,
        [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize, CancellationToken ct)
    {
        var orders = db.Set<ServiceOrder>().AsNoTracking();
        if (providerId is { } p) orders = orders.Where(o => o.ProviderId == p);
        return await ServiceOrderEndpoints.List(orders, q, status, page, pageSize, ct);
    }

    private static async Task<Results<Ok<ServiceOrderView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Assign(
        Guid id, AssignRequest body, ClaimsPrincipal user, MarketplaceDbContext db, ServiceOrderActions actions, ProviderAssignment assignment,
        ServiceOrderQueries q, CancellationToken ct)
    {
        if (body.ProviderId is not { } providerId || !await db.Set<Provider>().AnyAsync(p => p.Id == providerId, ct))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["provider_id"] = ["Choose a registered provider."] }, title: "The assignment is not valid.");
        if (await actions.ForAdminAsync(id, ct) is not { } order) return ServiceOrderEndpoints.NotFound();
        var outcome = await assignment.AssignAsync(order, providerId, user, ct);
        return outcome switch
        {
            AssignmentOutcome.Assigned => TypedResults.Ok(await q.ViewAsync(order, ct)),
            AssignmentOutcome.ProviderAtCapacity => ServiceOrderEndpoints.Conflict("That provider has no free capacity."),
            AssignmentOutcome.NotAssignable or AssignmentOutcome.NoQualifiedProvider =>
                ServiceOrderEndpoints.Conflict($"A {order.Status.WireName()} order cannot be assigned; only waiting or assigned (not yet started) orders can."),
        };
    }

    private static async Task<Results<Ok<ServiceOrderView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Cancel(
        Guid id, MessageRequest? body, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, IAuditLog audit, CancellationToken ct) =>
        await ServiceOrderEndpoints.Act(actions.ForAdminAsync(id, ct), async order =>
        {
            audit.Record(user, "service_order.cancel", "service_order", id.ToString(), new { reason = body?.Body });
            if (!await actions.CancelAsync(order, new Author(user.RequiredUserId(), Author.Admin, user.DisplayName() ?? "Administrator"),
                    string.IsNullOrWhiteSpace(body?.Body) ? "Cancelled by an administrator." : body.Body.Trim(), ct))
                throw new ServiceOrderException("Completed or cancelled orders cannot be cancelled.");
        }, q, ct);

    internal static async Task<Results<Ok<Paged<AdminProviderView>>, ValidationProblem>> ListProviders(
        MarketplaceDbContext db, [FromQuery] string? skill, [FromQuery] string? q, [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The provider query is not valid.");
        var providers = await db.Set<Provider>().AsNoTracking().OrderBy(x => x.Name).ThenBy(x => x.Id).ToListAsync(ct);
        // Skills are a JSON list; a provider pool is small enough to filter in memory on both providers.
        var filtered = providers
            .Where(x => string.IsNullOrEmpty(skill) || x.Skills.Contains(skill, StringComparer.Ordinal))
            .Where(x => string.IsNullOrWhiteSpace(q) || x.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase) || x.Email.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase))
            .ToList();
        var items = filtered.Skip((p - 1) * size).Take(size).Select(View).ToList();
        return TypedResults.Ok(new Paged<AdminProviderView>(items, p, size, filtered.Count));
    }

    internal static async Task<Results<Created<AdminProviderView>, ValidationProblem, Conflict<ProblemDetails>>> CreateProvider(
        ProviderRequest body, ClaimsPrincipal user, MarketplaceDbContext db, IAccountDirectory accounts, ProviderAssignment assignment,
        IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var errors = Validate(body, creating: true);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The provider is not valid.");
        var existing = await accounts.FindByEmailAsync(body.Email!, ct);
        if (existing is not null && await db.Set<Provider>().AnyAsync(p => p.Id == existing.Id, ct))
            return TypedResults.Conflict(new ProblemDetails { Title = "This account is a provider already.", Status = StatusCodes.Status409Conflict });
        var account = await accounts.EnsureAccountAsync(body.Email!.Trim(), body.Name!.Trim(), Roles.Provider, ct);
        var now = time.GetUtcNow();
        var provider = new Provider
        {
            Id = account.Id,
            Name = body.Name!.Trim(),
            Email = account.Email,
            Skills = NormalizeSkills(body.Skills!),
            Capacity = body.Capacity ?? 3,
            Available = body.Available ?? true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(provider);
        audit.Record(user, "provider.create", "provider", provider.Id.ToString(), new { provider.Email, provider.Skills, provider.Capacity });
        await db.SaveChangesAsync(ct);
        assignment.Wake();
        return TypedResults.Created($"/api/v1/admin/providers/{provider.Id}", View(provider));
    }

    internal static async Task<Results<Ok<AdminProviderView>, ValidationProblem, NotFound<ProblemDetails>>> EditProvider(
        Guid id, ProviderRequest body, ClaimsPrincipal user, MarketplaceDbContext db, ProviderAssignment assignment, IAuditLog audit, TimeProvider time,
        CancellationToken ct)
    {
        var errors = Validate(body, creating: false);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The provider is not valid.");
        var provider = await db.Set<Provider>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null) return TypedResults.NotFound(new ProblemDetails { Title = "No such provider.", Status = StatusCodes.Status404NotFound });
        if (body.Name is not null) provider.Name = body.Name.Trim();
        if (body.Skills is not null) provider.Skills = NormalizeSkills(body.Skills);
        if (body.Capacity is { } capacity) provider.Capacity = capacity;
        if (body.Available is { } available) provider.Available = available;
        provider.Touch(time.GetUtcNow());
        audit.Record(user, "provider.edit", "provider", id.ToString(), new { body.Name, body.Skills, body.Capacity, body.Available });
        await db.SaveChangesAsync(ct);
        assignment.Wake();
        return TypedResults.Ok(View(provider));
    }

    private static Dictionary<string, string[]> Validate(ProviderRequest body, bool creating)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (creating && (string.IsNullOrWhiteSpace(body.Email) || !body.Email.Contains('@', StringComparison.Ordinal) || body.Email.Length > 320))
            errors["email"] = ["Give the provider's email address."];
        if ((creating || body.Name is not null) && (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > 100))
            errors["name"] = ["Give a name of at most 100 characters."];
        if (creating || body.Skills is not null)
        {
            if (body.Skills is not { Count: > 0 } skills || skills.Count > Provider.MaxSkills)
                errors["skills"] = [$"Give from 1 to {Provider.MaxSkills} skills."];
            else if (skills.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 40 || !s.Trim().All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
                errors["skills"] = ["Skills are identifiers such as graphic_design: lower-case letters, digits and _."];
        }
        if (body.Capacity is < 1 or > 100) errors["capacity"] = ["Capacity is from 1 to 100 open orders."];
        return errors;
    }

    private static List<string> NormalizeSkills(IEnumerable<string> skills) => skills.Select(s => s.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static AdminProviderView View(Provider p) =>
        new(p.Id, p.Name, p.Email, p.Skills, p.Available, p.Capacity, p.OpenOrders, p.AverageRating, p.RatingCount, p.CreatedAt);
}
