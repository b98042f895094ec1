using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Vozex.Web.Modules.Catalog.Data;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Catalog.Search;

/// <summary>A product with its full-text relevance; higher is better on both providers.</summary>
internal sealed class RankedProduct
{
    public required Product Product { get; init; }
    public double Rank { get; init; }
}

internal static class ProductSearch
{
    /// <summary>
    /// Restricts <paramref name="products"/> to those matching every term, using the provider's full-text
    /// index (PostgreSQL GIN over tsvector, SQLite FTS5), and attaches the relevance.
    /// </summary>
    public static IQueryable<RankedProduct> Match(MarketplaceDbContext db, IQueryable<Product> products, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
            return products.Select(p => new RankedProduct { Product = p, Rank = 0 });

        if (db.Engine == DatabaseEngine.Postgres)
        {
            var query = SearchTerms.ToTsQuery(terms);
            return products
                .Where(p => EF.Property<NpgsqlTsVector>(p, ProductSearchModel.SearchVectorColumn).Matches(EF.Functions.ToTsQuery("english", query)))
                .Select(p => new RankedProduct
                {
                    Product = p,
                    Rank = EF.Property<NpgsqlTsVector>(p, ProductSearchModel.SearchVectorColumn).Rank(EF.Functions.ToTsQuery("english", query)),
                });
        }

        var match = SearchTerms.ToFts5Match(terms);
        var hits = db.Database.SqlQuery<FtsHit>(
            $"SELECT rowid AS id, -bm25(catalog_products_fts) AS rank FROM catalog_products_fts WHERE catalog_products_fts MATCH {match}");
        return products.Join(hits, p => p.Id, h => h.Id, (p, h) => new RankedProduct { Product = p, Rank = h.Rank });
    }

    internal sealed class FtsHit
    {
        public long Id { get; init; }
        public double Rank { get; init; }
    }
}
