namespace Vozex.Web.Modules.Tenancy.Contracts;

/// <summary>
/// Tenant slugs in use. Checkout reserves subdomains for orders, but a slug must also stay unique against tenants
/// whose reservation is gone (or that were made another way), so checkout asks this too.
/// </summary>
public interface ITenantSlugs
{
    /// <summary>Those of <paramref name="slugs"/> that a tenant already uses.</summary>
    Task<IReadOnlySet<string>> TakenAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken);
}
