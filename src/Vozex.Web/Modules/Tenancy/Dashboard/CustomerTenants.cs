using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Modules.Tenancy.Sites;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Tenancy.Dashboard;

/// <summary>One instance as the dashboard shows it (the API's view plus what the page needs).</summary>
internal sealed record CustomerTenantCard(
    Guid Id, string Slug, string ProductName, string ProductType, string Domain, string SiteUrl, string AdminUrl, string Plan, string PlanName,
    IReadOnlyList<string> Features, IReadOnlyDictionary<string, int> Limits, string Status, string? BillingCycle, DateTimeOffset CreatedAt,
    bool CredentialsAvailable, DateTimeOffset? DeleteAfter);

internal abstract record CredentialsOutcome
{
    public sealed record Found(TenantCredentialsView View) : CredentialsOutcome;
    public sealed record NoSuchTenant : CredentialsOutcome;
    public sealed record Gone : CredentialsOutcome;
}

internal abstract record SsoOutcome
{
    public sealed record Issued(TenantSsoView View) : SsoOutcome;
    public sealed record NoSuchTenant : SsoOutcome;
    public sealed record NotActive(string Status) : SsoOutcome;
}

/// <summary>A customer's own SaaS instances, for the dashboard API and page alike; another customer's tenant is simply not found.</summary>
internal sealed class CustomerTenants(MarketplaceDbContext db, IDataProtectionProvider protection, IOptions<TenancyOptions> options, TimeProvider time)
{
    public async Task<Paged<CustomerTenantCard>> ListAsync(Guid customerId, int page, int size, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = db.Set<Tenant>().AsNoTracking().Where(t => t.CustomerId == customerId);
        var total = await mine.CountAsync(cancellationToken);
        var rows = await mine.OrderByDescending(t => t.CreatedAt).Skip((page - 1) * size).Take(size)
            .Select(t => new
            {
                t.Id, t.ProductName, t.ProductType, t.Domain, t.Slug, t.Plan, t.PlanName, t.Features, t.Limits, t.Status, t.CreatedAt, t.BillingCycle, t.DeleteAfter,
                Credentials = db.Set<TenantCredential>().Any(c => c.TenantId == t.Id && c.ExpiresAt > now),
            })
            .ToListAsync(cancellationToken);
        var settings = options.Value;
        return new Paged<CustomerTenantCard>(rows.Select(t => new CustomerTenantCard(t.Id, t.Slug, t.ProductName, t.ProductType, t.Domain,
            settings.SiteOrigin(t.Slug), settings.SiteOrigin(t.Slug) + "/admin", t.Plan, t.PlanName, t.Features, t.Limits, TenantStates.Name(t.Status),
            t.BillingCycle, t.CreatedAt, t.Credentials && t.Status is TenantStatus.Active or TenantStatus.Suspended, t.DeleteAfter)).ToList(), page, size, total);
    }

    public async Task<CredentialsOutcome> CredentialsAsync(Guid customerId, Guid id, CancellationToken cancellationToken)
    {
        var tenant = await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == id && t.CustomerId == customerId)
            .Select(t => new { t.Id, t.Domain, t.Slug }).FirstOrDefaultAsync(cancellationToken);
        if (tenant is null) return new CredentialsOutcome.NoSuchTenant();
        var now = time.GetUtcNow();
        var credential = await db.Set<TenantCredential>().AsNoTracking().Where(c => c.TenantId == id && c.ExpiresAt > now)
            .Select(c => new { c.Username, c.ProtectedPassword, c.ExpiresAt }).FirstOrDefaultAsync(cancellationToken);
        if (credential is null) return new CredentialsOutcome.Gone();
        var password = TenantCredentialProtector.Create(protection).Unprotect(credential.ProtectedPassword);
        return new CredentialsOutcome.Found(new TenantCredentialsView(tenant.Id, tenant.Domain, options.Value.SiteOrigin(tenant.Slug) + "/admin",
            credential.Username, password, credential.ExpiresAt));
    }

    public async Task<SsoOutcome> SingleSignOnAsync(Guid customerId, Guid id, CancellationToken cancellationToken)
    {
        var tenant = await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == id && t.CustomerId == customerId)
            .Select(t => new { t.Id, t.Slug, t.Status }).FirstOrDefaultAsync(cancellationToken);
        if (tenant is null) return new SsoOutcome.NoSuchTenant();
        if (tenant.Status != TenantStatus.Active) return new SsoOutcome.NotActive(TenantStates.Name(tenant.Status));
        var token = SsoTokens.New();
        var expires = time.GetUtcNow() + options.Value.SsoLifetime;
        db.Add(new TenantSsoTicket { TokenHash = SsoTokens.Hash(token), TenantId = id, CustomerId = customerId, ExpiresAt = expires });
        await db.SaveChangesAsync(cancellationToken);
        return new SsoOutcome.Issued(new TenantSsoView($"{options.Value.SiteOrigin(tenant.Slug)}/admin/sso?token={token}", expires));
    }
}
