using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Dashboard.Live;
using Vozex.Web.Modules.Dashboard.Overview;

namespace Vozex.Web.Modules.Dashboard;

/// <summary>
/// The customer dashboard's overview and live progress. It sits above every module it shows (reading them only through
/// their contracts), so nothing depends on it; Checkout's order pages get the live island through <see cref="OrderProgressSlot"/>.
/// </summary>
public static class DashboardModule
{
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CustomerOverview>();
        builder.Services.AddScoped<OrderProgressReader>();
        builder.Services.AddSingleton(new OrderProgressSlot(typeof(OrderProgressIsland)));
        return builder;
    }

    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder api) => api.MapOverviewApi();
}
