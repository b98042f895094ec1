using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Modules.Tenancy.Sites;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Tenancy.Dashboard;

/// <summary>API.md: status, billing_cycle, current_period_end, next_renewal_amount (from Subscriptions when it bills the tenant).</summary>
public sealed record TenantSubscriptionView(string Status, string? BillingCycle, DateTimeOffset? CurrentPeriodEnd = null, Money? NextRenewalAmount = null,
    bool CancelAtPeriodEnd = false);

public sealed record CustomerTenantView(
    Guid Id, string ProductName, string ProductType, string Domain, string AdminUrl, string Plan, IReadOnlyList<string> Features,
    IReadOnlyDictionary<string, int> Limits, string Status, DateTimeOffset CreatedAt, bool CredentialsAvailable, TenantSubscriptionView Subscription);

public sealed record TenantCredentialsView(Guid TenantId, string Domain, string AdminUrl, string Username, string TempPassword, DateTimeOffset ExpiresAt);

public sealed record TenantSsoView(string Url, DateTimeOffset ExpiresAt);

/// <summary>The customer's SaaS instances (API.md "Customer dashboard"). Another customer's tenant answers 404.</summary>
internal static class CustomerTenantEndpoints
{
    public static RouteGroupBuilder MapCustomerTenantApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/tenants").RequireAuthorization(Policies.Customer).WithTags("Dashboard");
        me.MapGet("", List).WithName("MyTenants");
        me.MapGet("/{id:guid}/credentials", Credentials).WithName("MyTenantCredentials")
            .WithSummary("The temporary admin credentials, for 7 days or until the first password change; 410 after.");
        me.MapPost("/{id:guid}/sso", SingleSignOn).WithName("MyTenantSso")
            .WithSummary("A single-use, short-lived link that signs the customer into the tenant admin.");
        return api;
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such tenant.");

    private static async Task<Results<Ok<Paged<CustomerTenantView>>, ValidationProblem>> List(
        ClaimsPrincipal user, MarketplaceDbContext db, IOptions<TenancyOptions> options, TimeProvider time, IEnumerable<ITenantBillingSource> billingSources,
        [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var customer = user.RequiredUserId();
        var now = time.GetUtcNow();
        var mine = db.Set<Tenant>().AsNoTracking().Where(t => t.CustomerId == customer);
        var total = await mine.CountAsync(ct);
        var rows = await mine.OrderByDescending(t => t.CreatedAt).Skip((p - 1) * size).Take(size)
            .Select(t => new
            {
                t.Id, t.ProductName, t.ProductType, t.Domain, t.Slug, t.Plan, t.Features, t.Limits, t.Status, t.CreatedAt, t.BillingCycle,
                Credentials = db.Set<TenantCredential>().Any(c => c.TenantId == t.Id && c.ExpiresAt > now),
            })
            .ToListAsync(ct);
        var settings = options.Value;
        var billing = new Dictionary<Guid, TenantBilling>();
        foreach (var source in billingSources)
            foreach (var (tenantId, facts) in await source.ForTenantsAsync(rows.Select(t => t.Id).ToList(), ct)) billing[tenantId] = facts;
        var items = rows.Select(t => new CustomerTenantView(t.Id, t.ProductName, t.ProductType, t.Domain, settings.SiteOrigin(t.Slug) + "/admin",
            t.Plan, t.Features, t.Limits, TenantStates.Name(t.Status), t.CreatedAt, t.Credentials,
            billing.TryGetValue(t.Id, out var b)
                ? new TenantSubscriptionView(b.Status, b.BillingCycle, b.CurrentPeriodEnd, b.NextRenewalAmount, b.CancelAtPeriodEnd)
                : new TenantSubscriptionView(t.Status == TenantStatus.Active ? "active" : TenantStates.Name(t.Status), t.BillingCycle))).ToList();
        return TypedResults.Ok(new Paged<CustomerTenantView>(items, p, size, total));
    }

    private static async Task<Results<Ok<TenantCredentialsView>, ProblemHttpResult>> Credentials(
        Guid id, ClaimsPrincipal user, MarketplaceDbContext db, IDataProtectionProvider protection, IOptions<TenancyOptions> options, TimeProvider time,
        CancellationToken ct)
    {
        var customer = user.RequiredUserId();
        var tenant = await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == id && t.CustomerId == customer)
            .Select(t => new { t.Id, t.Domain, t.Slug }).FirstOrDefaultAsync(ct);
        if (tenant is null) return NotFound();
        var now = time.GetUtcNow();
        var credential = await db.Set<TenantCredential>().AsNoTracking().Where(c => c.TenantId == id && c.ExpiresAt > now)
            .Select(c => new { c.Username, c.ProtectedPassword, c.ExpiresAt }).FirstOrDefaultAsync(ct);
        if (credential is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone",
                detail: "The temporary credentials are no longer kept: the password was changed or 7 days have passed. Use \"Open admin\" instead.");
        var password = TenantCredentialProtector.Create(protection).Unprotect(credential.ProtectedPassword);
        return TypedResults.Ok(new TenantCredentialsView(tenant.Id, tenant.Domain, options.Value.SiteOrigin(tenant.Slug) + "/admin",
            credential.Username, password, credential.ExpiresAt));
    }

    private static async Task<Results<Ok<TenantSsoView>, ProblemHttpResult>> SingleSignOn(
        Guid id, ClaimsPrincipal user, MarketplaceDbContext db, IOptions<TenancyOptions> options, TimeProvider time, CancellationToken ct)
    {
        var customer = user.RequiredUserId();
        var tenant = await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == id && t.CustomerId == customer)
            .Select(t => new { t.Id, t.Slug, t.Status }).FirstOrDefaultAsync(ct);
        if (tenant is null) return NotFound();
        if (tenant.Status != TenantStatus.Active)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "The tenant is not active.");
        var token = SsoTokens.New();
        var expires = time.GetUtcNow() + options.Value.SsoLifetime;
        db.Add(new TenantSsoTicket { TokenHash = SsoTokens.Hash(token), TenantId = id, CustomerId = customer, ExpiresAt = expires });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TenantSsoView($"{options.Value.SiteOrigin(tenant.Slug)}/admin/sso?token={token}", expires));
    }
}
