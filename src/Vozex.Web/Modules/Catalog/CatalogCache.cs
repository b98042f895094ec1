using Microsoft.AspNetCore.OutputCaching;

namespace Vozex.Web.Modules.Catalog;

/// <summary>
/// Anonymous catalog reads are output-cached per URL and evicted by tag whenever a product changes.
/// The short expiry bounds staleness on other nodes, whose in-memory caches a local eviction cannot reach.
/// </summary>
public static class CatalogCache
{
    public const string Policy = "catalog";
    public const string Tag = "catalog";
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    public static void AddPolicy(OutputCacheOptions options) =>
        options.AddPolicy(Policy, b => b.Expire(Expiry).Tag(Tag).SetVaryByQuery("*"));

    public static Task InvalidateAsync(IOutputCacheStore store, CancellationToken cancellationToken) =>
        store.EvictByTagAsync(Tag, cancellationToken).AsTask();
}
