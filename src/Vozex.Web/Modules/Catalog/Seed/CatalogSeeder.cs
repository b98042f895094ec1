using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Catalog.Data;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Catalog.Seed;

/// <summary>
/// Seeds the demo catalog when the catalog is empty and, on request, generated products for
/// benchmarks. Idempotent: a second start (or a second node) adds nothing.
/// </summary>
internal sealed partial class CatalogSeeder(
    IOptions<SeedOptions> options,
    DataPaths paths,
    TimeProvider time,
    ILogger<CatalogSeeder> logger) : IDataSeeder
{
    public const string GeneratedSlugPrefix = "bench-";

    public int Order => 10;

    public async Task SeedAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var seed = options.Value;
        if (seed.Demo && !await db.Products().AnyAsync(cancellationToken))
        {
            var releases = new ReleaseFileGenerator(paths);
            var now = time.GetUtcNow();
            var products = DemoCatalog.Products.Select((demo, i) => Build(demo, releases, now.AddHours(-i * 7))).ToList();
            db.Products().AddRange(products);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await AnalyzeAsync(db, cancellationToken);
                LogSeeded(logger, products.Count);
            }
            catch (DbUpdateException)
            {
                // Another node starting at the same moment seeded first (unique slugs); its catalog stands.
                db.ChangeTracker.Clear();
                if (!await db.Products().AnyAsync(cancellationToken)) throw;
            }
        }
        if (seed.GeneratedProducts > 0)
            await SeedGeneratedAsync(db, seed.GeneratedProducts, cancellationToken);
    }

    /// <summary>
    /// Fresh statistics after a bulk insert: until autovacuum gets to it, PostgreSQL plans the list as a full
    /// sort and its count as a heap scan (bench/RESULTS.md measured p99 ×4 in the first minute).
    /// </summary>
    private static Task AnalyzeAsync(MarketplaceDbContext db, CancellationToken cancellationToken) =>
        db.Engine == DatabaseEngine.Postgres
            ? db.Database.ExecuteSqlRawAsync("ANALYZE catalog_products", cancellationToken)
            : db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);

    private static Product Build(DemoProduct demo, ReleaseFileGenerator releases, DateTimeOffset createdAt) =>
        Build(demo, demo.Releases is null
            ? demo.Options
            : demo.Options with { Releases = demo.Releases.Select(r => releases.Generate(demo.Slug, r)).ToList() }, createdAt);

    /// <summary>A demo product with the given options (the benchmarks build one without writing release files).</summary>
    internal static Product Build(DemoProduct demo, ProductOptions options, DateTimeOffset createdAt)
    {
        var type = ProductTypeRegistry.Find(demo.Type) ?? throw new InvalidOperationException($"Demo product {demo.Slug} has unknown type {demo.Type}.");
        var product = new Product
        {
            Slug = demo.Slug,
            Name = demo.Name,
            Description = demo.Description,
            BasePrice = demo.BasePrice,
            Status = ProductStatus.Active,
            Popularity = demo.Popularity,
            Featured = demo.Featured,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        product.Configure(type, options);
        return product;
    }

    private static readonly string[] Editions = ["Lite", "Plus", "Cloud", "Pro", "Studio", "Edge", "Go", "One", "Prime", "Flex", "Works", "Hub"];

    private async Task SeedGeneratedAsync(MarketplaceDbContext db, int wanted, CancellationToken cancellationToken)
    {
        var existing = await db.Products().CountAsync(p => p.Slug.StartsWith(GeneratedSlugPrefix), cancellationToken);
        if (existing >= wanted) return;
        var templates = DemoCatalog.Products;
        var now = time.GetUtcNow();
        for (var i = existing; i < wanted; i++)
        {
            var template = templates[i % templates.Count];
            var type = ProductTypeRegistry.Find(template.Type)!;
            var edition = Editions[i / templates.Count % Editions.Length];
            var product = new Product
            {
                Slug = $"{GeneratedSlugPrefix}{i:D5}-{template.Slug}",
                Name = $"{template.Name} {edition} {i}",
                Description = template.Description,
                BasePrice = template.BasePrice + i % 7 * 500,
                Status = ProductStatus.Active,
                Popularity = (i * 37) % 1000,
                CreatedAt = now.AddMinutes(-i),
                UpdatedAt = now.AddMinutes(-i),
            };
            // Generated products share the template's options but not its files: benchmarks never download.
            product.Configure(type, template.Options);
            db.Products().Add(product);
            if ((i + 1) % 500 == 0) await db.SaveChangesAsync(cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await AnalyzeAsync(db, cancellationToken);
        LogGenerated(logger, wanted - existing);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo catalog with {Count} products")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} generated benchmark products")]
    private static partial void LogGenerated(ILogger logger, int count);
}
