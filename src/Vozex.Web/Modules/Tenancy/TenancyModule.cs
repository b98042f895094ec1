using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Tenancy.Admin;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Modules.Tenancy.Dashboard;
using Vozex.Web.Modules.Tenancy.Lifecycle;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Modules.Tenancy.Sites;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Tenancy;

public static class TenancyModule
{
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TenancyOptions>().BindConfiguration(TenancyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<TenantDatabases>();
        services.AddSingleton<TenantSites>();
        services.AddSingleton<TenantTokens>();
        services.AddScoped<TenantSiteSession>();
        services.AddScoped<ITenantSlugs, TenantSlugs>();
        services.AddScoped<ITenantOverview, TenantOverviewQuery>();
        services.AddScoped<IFulfillmentDriver, TenantProvisioningDriver>();
        services.AddScoped<ITenantLifecycle, TenantLifecycle>();
        services.AddScoped<CustomerTenants>();
        services.AddScoped<Checkout.Contracts.IRefundObserver, TenantRefunds>();
        services.AddSingleton<OrphanDatabaseSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OrphanDatabaseSweeper>());
        services.AddSingleton<SpareDatabaseRefill>();
        services.AddHostedService(sp => sp.GetRequiredService<SpareDatabaseRefill>());
        services.AddSingleton<TenantSchemaRollout>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantSchemaRollout>());
        services.AddLeasedWork<TenantTask, TenantTaskHandler>(o =>
        {
            o.BatchSize = 10;
            o.Parallelism = 2;
            // A tenant database server can be down for a while; keep retrying for about two days (hourly at most) before giving up.
            o.MaxAttempts = 60;
            o.RetryBase = TimeSpan.FromSeconds(10);
            o.RetryMax = TimeSpan.FromHours(1);
            o.IdlePoll = TimeSpan.FromSeconds(5);
        });
        return builder;
    }

    public static RouteGroupBuilder MapTenancy(this RouteGroupBuilder api)
    {
        api.MapCustomerTenantApi();
        api.MapTenantAdminApi();
        return api;
    }

    /// <summary>Tenant hosts: resolution (404 unknown, 403 suspended) and the tenant site's own API and pages.</summary>
    public static WebApplication UseTenantSites(this WebApplication app)
    {
        var baseDomain = (app.Configuration[$"{TenancyOptions.Section}:BaseDomain"] ?? "localhost").Trim().TrimEnd('.').ToLowerInvariant();
        app.UseMiddleware<TenantSiteMiddleware>();
        app.MapTenantSites(baseDomain);
        return app;
    }
}
