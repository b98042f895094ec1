using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Catalog.Data;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("catalog_products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Slug).HasMaxLength(80);
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.ProductType).HasMaxLength(40);
        builder.Property(p => p.DeliveryModel).HasMaxLength(20);
        builder.Property(p => p.Category).HasMaxLength(40);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.Status).HasSnakeCaseConversion();
        builder.Property(p => p.Options).HasJsonConversion();
        builder.Ignore(p => p.Type);
        builder.Ignore(p => p.BasePriceMoney);
        builder.Ignore(p => p.FromPriceMoney);

        // The storefront's lists: status first (only active is listed), then the filter, then the sort key.
        builder.HasIndex(p => new { p.Status, p.Category, p.FromPrice });
        builder.HasIndex(p => new { p.Status, p.ProductType, p.FromPrice });
        builder.HasIndex(p => new { p.Status, p.Popularity });
        builder.HasIndex(p => new { p.Status, p.CreatedAt });
    }
}

/// <summary>
/// Full-text search on PostgreSQL: a stored tsvector over name and description with a GIN index.
/// (SQLite's counterpart is an FTS5 table, <see cref="SqliteProductSearchIndex"/>.)
/// </summary>
internal sealed class ProductSearchModel : IProviderModelExtension
{
    public const string SearchVectorColumn = "search_vector";

    public void Configure(ModelBuilder modelBuilder, DatabaseEngine engine)
    {
        if (engine != DatabaseEngine.Postgres) return;
        var product = modelBuilder.Entity<Product>();
        product.Property<NpgsqlTsVector>(SearchVectorColumn)
            .HasColumnType("tsvector")
            .HasComputedColumnSql("to_tsvector('english', coalesce(name, '') || ' ' || coalesce(description, ''))", stored: true);
        product.HasIndex(SearchVectorColumn).HasMethod("GIN");
        product.Property(p => p.Options).HasColumnType("jsonb");
    }
}

internal static class CatalogData
{
    public static DbSet<Product> Products(this MarketplaceDbContext db) => db.Set<Product>();
}
