using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Tenancy;

internal sealed class TenantSlugs(MarketplaceDbContext db) : ITenantSlugs
{
    public async Task<IReadOnlySet<string>> TakenAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken)
    {
        if (slugs.Count == 0) return new HashSet<string>(StringComparer.Ordinal);
        var taken = await db.Set<Tenant>().AsNoTracking().Where(t => slugs.Contains(t.Slug)).Select(t => t.Slug).ToListAsync(cancellationToken);
        return taken.ToHashSet(StringComparer.Ordinal);
    }
}
