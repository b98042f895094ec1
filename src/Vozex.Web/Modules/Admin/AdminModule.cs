using Vozex.Web.Modules.Admin.Audit;
using Vozex.Web.Modules.Admin.Contracts;

namespace Vozex.Web.Modules.Admin;

public static class AdminModule
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IAuditLog, AuditLog>();
        builder.Services.AddScoped<Home.AdminToday>();
        return builder;
    }

    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api)
    {
        api.MapAuditLogApi();
        Home.AdminToday.MapAdminTodayApi(api);
        return api;
    }
}
