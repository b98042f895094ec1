using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Tenancy.Data;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Modules.Tenancy.Sites;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Subscriptions.Tenants;

/// <summary>
/// Interim: reaches into Tenancy's records until its <c>ITenantLifecycle</c> contract lands (being written on the tenancy
/// branch); then this file becomes a thin adapter over that contract and nothing else in the module changes.
/// </summary>
internal sealed class TenancyBridge(MarketplaceDbContext db, TenantDatabases databases, TenantSites sites, AfterCommit afterCommit, TimeProvider time)
    : ISubscriptionTenants
{
    private readonly List<string> _touched = [];

    public void TenantSitesChanged()
    {
        foreach (var slug in _touched) sites.Invalidate(slug);
        _touched.Clear();
    }

    private void Touched(string slug)
    {
        _touched.Add(slug);
        afterCommit.Add(() => sites.Invalidate(slug));
    }

    public async Task<IReadOnlyList<SubscribedTenant>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        await db.Set<Tenant>().AsNoTracking().Where(t => t.OrderId == orderId)
            .Select(t => new SubscribedTenant(t.Id, t.OrderItemId, t.Domain)).ToListAsync(cancellationToken);

    public Task SuspendAsync(Guid tenantId, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, TenantStatus.Suspended, cancellationToken);

    public Task ResumeAsync(Guid tenantId, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, TenantStatus.Active, cancellationToken);

    public Task CancelAsync(Guid tenantId, DateTimeOffset deleteAfter, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, TenantStatus.Suspended, cancellationToken);

    public async Task<bool> DeleteIfDueAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var tenant = await db.Set<Tenant>().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null) return true;
        await using (var tenantDb = databases.Open(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName)))
            await tenantDb.Database.EnsureDeletedAsync(cancellationToken);
        tenant.TryChange(TenantStatus.Cancelled, time.GetUtcNow());
        Touched(tenant.Slug);
        return true;
    }

    public async Task ApplyPlanAsync(Guid tenantId, string plan, IReadOnlyList<string> features, string billingCycle, CancellationToken cancellationToken)
    {
        var tenant = await db.Set<Tenant>().FirstAsync(t => t.Id == tenantId, cancellationToken);
        var product = await db.Set<Product>().AsNoTracking().FirstAsync(p => p.Slug == tenant.ProductSlug, cancellationToken);
        var chosen = product.Options.PricingPlans?.FirstOrDefault(p => p.Id == plan)
            ?? throw new InvalidOperationException($"Plan {plan} is no longer offered by {tenant.ProductSlug}.");
        var sorted = features.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var limits = new Dictionary<string, int>(chosen.Limits, StringComparer.Ordinal);

        // The tenant database first: rewriting its settings is idempotent, so a failure after it is repaired by the retry.
        await using (var tenantDb = databases.Open(new TenantDatabaseLocation(tenant.DatabaseServer, tenant.DatabaseName)))
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [TenantSettingKeys.Plan] = chosen.Id,
                [TenantSettingKeys.PlanName] = chosen.Name,
                [TenantSettingKeys.PlanFeatures] = JsonSerializer.Serialize(chosen.Features),
                [TenantSettingKeys.Features] = JsonSerializer.Serialize(sorted),
                [TenantSettingKeys.Limits] = JsonSerializer.Serialize(chosen.Limits),
            };
            var stored = await tenantDb.Settings.Where(s => values.Keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
            foreach (var (key, value) in values)
            {
                if (stored.TryGetValue(key, out var row)) row.Value = value;
                else tenantDb.Settings.Add(new TenantSetting { Key = key, Value = value });
            }
            await tenantDb.SaveChangesAsync(cancellationToken);
        }

        var entry = db.Entry(tenant);
        entry.Property(t => t.Plan).CurrentValue = chosen.Id;
        entry.Property(t => t.PlanName).CurrentValue = chosen.Name;
        entry.Property(t => t.Features).CurrentValue = sorted;
        entry.Property(t => t.Limits).CurrentValue = limits;
        entry.Property(t => t.BillingCycle).CurrentValue = billingCycle;
        Touched(tenant.Slug);
    }

    private async Task ChangeAsync(Guid tenantId, TenantStatus to, CancellationToken cancellationToken)
    {
        var tenant = await db.Set<Tenant>().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null || tenant.Status == to) return;
        if (tenant.TryChange(to, time.GetUtcNow())) Touched(tenant.Slug);
    }
}
