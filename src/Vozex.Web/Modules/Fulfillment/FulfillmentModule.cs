using Vozex.Web.Modules.Fulfillment.Admin;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Modules.Fulfillment.Timings;
using Vozex.Web.Modules.Fulfillment.Worker;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Fulfillment;

public static class FulfillmentModule
{
    public static IHostApplicationBuilder AddFulfillment(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FulfillmentOptions>().BindConfiguration(FulfillmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(FulfillmentOptions.Section).Get<FulfillmentOptions>() ?? new FulfillmentOptions();
        services.AddScoped<IFulfillmentScheduler, FulfillmentScheduler>();
        services.AddScoped<IFulfillmentStatusReader, FulfillmentStatusReader>();
        services.AddScoped<IFulfillmentOverview, FulfillmentOverviewQuery>();
        services.AddScoped<IFulfillmentRevoker, FulfillmentRevoker>();
        services.AddScoped<IFulfillmentTimings, FulfillmentTimings>();
        services.AddSingleton<FulfillmentMetrics>();
        services.AddLeasedWork<FulfillmentRecord, FulfillmentWorker>(o =>
        {
            o.MaxAttempts = options.MaxAttempts;
            o.RetryBase = options.RetryBase;
            o.RetryMax = options.RetryMax;
            o.Lease = options.Lease;
            o.IdlePoll = options.IdlePoll;
            o.BatchSize = options.BatchSize;
            o.Parallelism = options.Parallelism;
        });
        return builder;
    }

    public static RouteGroupBuilder MapFulfillment(this RouteGroupBuilder api)
    {
        api.MapFulfillmentAdminApi();
        return api;
    }
}
