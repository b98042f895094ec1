using Vozex.Web.Modules.Analytics.Contracts;
using Vozex.Web.Modules.Analytics.Events;
using Vozex.Web.Modules.Analytics.Summary;

namespace Vozex.Web.Modules.Analytics;

public static class AnalyticsModule
{
    public static IHostApplicationBuilder AddAnalytics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AnalyticsQueue>();
        builder.Services.AddHostedService<AnalyticsFlusher>();
        builder.Services.AddScoped<IAnalytics, AnalyticsRecorder>();
        builder.Services.AddScoped<AnalyticsSummaryQuery>();
        return builder;
    }

    /// <summary>Before the platform's pipeline, so views answered from the output cache are counted too.</summary>
    public static WebApplication UseAnalytics(this WebApplication app)
    {
        app.UseMiddleware<ViewTracking>();
        return app;
    }

    public static RouteGroupBuilder MapAnalytics(this RouteGroupBuilder api) => api.MapAnalyticsApi();
}
