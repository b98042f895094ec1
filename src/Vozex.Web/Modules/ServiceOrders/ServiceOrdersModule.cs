using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.ServiceOrders.Api;
using Vozex.Web.Modules.ServiceOrders.Assignment;
using Vozex.Web.Modules.ServiceOrders.Contracts;
using Vozex.Web.Modules.ServiceOrders.Dashboard;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Modules.ServiceOrders.Fulfil;
using Vozex.Web.Modules.ServiceOrders.Seed;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.ServiceOrders;

public static class ServiceOrdersModule
{
    public static IHostApplicationBuilder AddServiceOrders(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IFulfillmentDriver, ServiceFulfillmentDriver>();
        services.AddSingleton<WorkSignal<ServiceOrder>>();
        services.AddScoped<ProviderAssignment>();
        services.AddScoped<ServiceOrderActions>();
        services.AddScoped<ServiceOrderNotifier>();
        services.AddScoped<ServiceOrderQueries>();
        services.AddScoped<IServiceOrderCancellation, ServiceOrderCancellation>();
        services.AddScoped<IServiceOrderOverview, ServiceOrderOverviewQuery>();
        services.AddScoped<Checkout.Contracts.IRefundObserver, ServiceOrderRefunds>();
        services.AddScoped<IDataSeeder, DemoProviders>();
        services.AddHostedService<AssignmentWorker>();
        services.AddSingleton<DeliveryAutoCompleter>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryAutoCompleter>());
        return builder;
    }

    public static RouteGroupBuilder MapServiceOrders(this RouteGroupBuilder api)
    {
        api.MapServiceOrderApi();
        api.MapServiceOrderAdminApi();
        api.MapServiceOrderBulkAssign();
        return api;
    }
}
