using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Tenancy.Sites;

/// <summary>The tenant a request's host names, as the tenant site needs it.</summary>
internal sealed record TenantSite(Guid Id, string Slug, TenantStatus Status, string ProductType, TenantDatabaseLocation Database);

/// <summary>
/// Resolves <c>&lt;slug&gt;.&lt;BaseDomain&gt;</c> hosts to tenants. Cached per node for <see cref="TenancyOptions.SiteCacheLifetime"/>;
/// a change made on this node (suspend, resume, a new tenant) invalidates its entry at once, other nodes see it within the lifetime.
/// </summary>
internal sealed class TenantSites(IMemoryCache cache, IServiceScopeFactory scopes, IOptions<TenancyOptions> options)
{
    private readonly string _suffix = "." + options.Value.NormalizedBaseDomain;

    /// <summary>The slug a host names, or null for hosts that are not tenant sites (the marketplace's own host).</summary>
    public string? SlugOf(HostString host)
    {
        var name = host.Host.TrimEnd('.').ToLowerInvariant();
        if (!name.EndsWith(_suffix, StringComparison.Ordinal)) return null;
        var label = name[..^_suffix.Length];
        return label.Length > 0 && !label.Contains('.', StringComparison.Ordinal) ? label : null;
    }

    public async Task<TenantSite?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(slug), out TenantSite? site)) return site;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        site = await db.Set<Tenant>().AsNoTracking().Where(t => t.Slug == slug)
            .Select(t => new TenantSite(t.Id, t.Slug, t.Status, t.ProductType, new TenantDatabaseLocation(t.DatabaseServer, t.DatabaseName)))
            .FirstOrDefaultAsync(cancellationToken);
        // Unknown hosts are not cached: a tenant committed on another node must be served at once.
        if (site is not null && options.Value.SiteCacheLifetime > TimeSpan.Zero)
            cache.Set(Key(slug), site, options.Value.SiteCacheLifetime);
        return site;
    }

    public void Invalidate(string slug) => cache.Remove(Key(slug));

    private static string Key(string slug) => "tenancy:site:" + slug;
}
