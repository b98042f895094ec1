using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Catalog.Seed;

namespace Vozex.Bench;

/// <summary>Inputs shared by the benchmarks: the first demo product of each delivery model, built as the seeder builds it.</summary>
internal static class BenchData
{
    public static DemoProduct FirstOf(DeliveryModel model) =>
        DemoCatalog.Products.First(p => ProductTypeRegistry.Find(p.Type)!.Model == model);

    public static ProductType TypeOf(DemoProduct demo) =>
        ProductTypeRegistry.Find(demo.Type) ?? throw new InvalidOperationException($"Unknown type {demo.Type}.");

    /// <summary>The seeder's product, minus release files (which the seeder writes to disk).</summary>
    public static Product Build(DemoProduct demo) =>
        CatalogSeeder.Build(demo, demo.Options, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
