using Vozex.Web.Modules.Catalog.Admin;
using Vozex.Web.Modules.Catalog.Browse;
using Vozex.Web.Modules.Catalog.Data;
using Vozex.Web.Modules.Catalog.Seed;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Catalog;

public static class CatalogModule
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CatalogQueries>();
        builder.Services.AddScoped<Admin.ProductAdmin>();
        builder.Services.AddSingleton<IPostMigrationStep, SqliteProductSearchIndex>();
        builder.Services.AddScoped<IDataSeeder, CatalogSeeder>();
        builder.Services.AddOutputCache(CatalogCache.AddPolicy);
        return builder;
    }

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api) => api.MapCatalogApi().MapAdminProductsApi();

    /// <summary>Page endpoints that are not components (the editor's release-file upload).</summary>
    public static IEndpointRouteBuilder MapCatalogPages(this IEndpointRouteBuilder app) => app.MapCatalogAdminPages();
}
