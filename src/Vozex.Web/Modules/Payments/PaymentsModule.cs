using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Events;
using Vozex.Web.Modules.Payments.Gateways.Sandbox;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Payments;

public static class PaymentsModule
{
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section).ValidateOnStart();
        services.AddSingleton(sp => SandboxSettings.Resolve(
            sp.GetRequiredService<IOptions<SandboxOptions>>().Value, sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<DataPaths>()));
        services.AddScoped<SandboxGateway>();
        services.AddHttpContextAccessor();
        services.AddScoped<SandboxWebhookTarget>();
        services.AddScoped<PaymentGateways>();
        services.AddScoped<IPaymentGateways>(sp => sp.GetRequiredService<PaymentGateways>());
        services.AddScoped<IPaymentGatewayOperations>(sp => sp.GetRequiredService<PaymentGateways>());
        services.AddScoped<IPaymentHistory, PaymentHistory>();
        services.AddHttpClient(SandboxWebhookSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15));

        services.AddScoped<IWebhookEventHandler, PaymentSucceededHandler>();
        services.AddScoped<IWebhookEventHandler, PaymentFailedHandler>();
        services.AddLeasedWork<WebhookInboxEntry, InboxProcessor>();
        services.AddLeasedWork<SandboxWebhookDelivery, SandboxWebhookSender>(o =>
        {
            o.RetryBase = TimeSpan.FromSeconds(2);
            o.MaxAttempts = 10;
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        app.MapWebhookIntake();
        app.MapSandboxGateway();
        return app;
    }
}
