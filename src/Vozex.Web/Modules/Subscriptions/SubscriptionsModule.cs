using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Subscriptions.Api;
using Vozex.Web.Modules.Subscriptions.Billing;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Modules.Subscriptions.Tenants;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Subscriptions;

public static class SubscriptionsModule
{
    public static IHostApplicationBuilder AddSubscriptions(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SubscriptionsOptions>().BindConfiguration(SubscriptionsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(SubscriptionsOptions.Section).Get<SubscriptionsOptions>() ?? new SubscriptionsOptions();
        services.AddScoped<ISubscriptionTenants, TenancyBridge>();
        services.AddScoped<SubscriptionBilling>();
        services.AddScoped<SubscriptionBulk>();
        services.AddScoped<Payments.Contracts.IGatewaySubscriptionSink, GatewaySubscriptionSink>();
        services.AddScoped<IFulfillmentProgressSink, SubscriptionStarter>();
        services.AddScoped<Checkout.Contracts.IRefundObserver, SubscriptionRefunds>();
        services.AddScoped<ITenantBillingSource, TenantBillingSource>();
        services.AddLeasedWork<Subscription, SubscriptionClock>(o =>
        {
            o.IdlePoll = options.IdlePoll;
            o.RetryBase = TimeSpan.FromMinutes(1);
            o.MaxAttempts = 20;
        });
        return builder;
    }

    public static RouteGroupBuilder MapSubscriptions(this RouteGroupBuilder api) => api.MapCustomerSubscriptionApi().MapAdminSubscriptionApi();
}
