using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Checkout.Subdomains;

public enum SubdomainState
{
    Invalid,
    Taken,
    Available,
}

/// <summary>Whether a subdomain can still be chosen, and if not, why (for the configurator and the cart).</summary>
public sealed record SubdomainCheck(string Label, SubdomainState State, string? Message)
{
    public bool IsAvailable => State == SubdomainState.Available;
}

/// <summary>
/// Format by <see cref="SubdomainRules"/>, uniqueness by the reservations checkout holds for unpaid and paid orders
/// and by the slugs of existing tenants.
/// Advisory only: checkout's reservation is what decides between two buyers racing for one name.
/// </summary>
public sealed class SubdomainAvailability(MarketplaceDbContext db, ITenantSlugs tenants)
{
    public const string TakenMessage = "This subdomain is already taken. Choose another one.";

    public async Task<SubdomainCheck> CheckAsync(string label, CancellationToken cancellationToken)
    {
        if (SubdomainRules.Validate(label) is { } problem) return new SubdomainCheck(label, SubdomainState.Invalid, problem);
        var taken = await db.Set<SubdomainReservation>().AsNoTracking().AnyAsync(r => r.Subdomain == label, cancellationToken)
            || (await tenants.TakenAsync([label], cancellationToken)).Count > 0;
        return taken
            ? new SubdomainCheck(label, SubdomainState.Taken, TakenMessage)
            : new SubdomainCheck(label, SubdomainState.Available, null);
    }

    /// <summary>Those of <paramref name="labels"/> that are reserved already.</summary>
    public async Task<IReadOnlySet<string>> TakenAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken)
    {
        if (labels.Count == 0) return new HashSet<string>(StringComparer.Ordinal);
        var taken = await db.Set<SubdomainReservation>().AsNoTracking()
            .Where(r => labels.Contains(r.Subdomain))
            .Select(r => r.Subdomain)
            .ToListAsync(cancellationToken);
        var all = taken.ToHashSet(StringComparer.Ordinal);
        all.UnionWith(await tenants.TakenAsync(labels, cancellationToken));
        return all;
    }
}
