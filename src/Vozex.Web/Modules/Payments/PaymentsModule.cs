using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Payments.Admin;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Events;
using Vozex.Web.Modules.Payments.Gateways;
using Vozex.Web.Modules.Payments.Gateways.DodoPayments;
using Vozex.Web.Modules.Payments.Gateways.PayPal;
using Vozex.Web.Modules.Payments.Gateways.Sandbox;
using Vozex.Web.Modules.Payments.Health;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Modules.Payments.Reconciliation;
using Vozex.Web.Modules.Payments.Refunds;
using Vozex.Web.Modules.Payments.Subscriptions;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Payments;

public static class PaymentsModule
{
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section).ValidateOnStart();
        services.AddOptions<DodoPaymentsOptions>().BindConfiguration(DodoPaymentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PayPalOptions>().BindConfiguration(PayPalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.Section).ValidateOnStart();
        services.AddSingleton(sp => SandboxSettings.Resolve(
            sp.GetRequiredService<IOptions<SandboxOptions>>().Value, sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<DataPaths>()));
        services.AddSingleton(sp => new GatewayConfiguration(GatewayConfiguration.All.Where(g => g switch
        {
            GatewayNames.Sandbox => sp.GetRequiredService<SandboxSettings>().Enabled,
            GatewayNames.DodoPayments => sp.GetRequiredService<IOptions<DodoPaymentsOptions>>().Value.IsConfigured,
            GatewayNames.PayPal => sp.GetRequiredService<IOptions<PayPalOptions>>().Value.IsConfigured,
            _ => false,
        }).ToList()));
        services.AddSingleton<GatewayHealth>();
        services.AddHealthChecks().AddCheck<GatewaysHealthCheck>("gateways", tags: ["ready"]);

        services.AddScoped<SandboxGateway>();
        services.AddHttpContextAccessor();
        services.AddScoped<SandboxWebhookTarget>();
        services.AddScoped<IGatewayAdapter, SandboxAdapter>();
        services.AddSingleton(sp => new SandboxRenewalScript
        {
            Decline = string.Equals(sp.GetRequiredService<IOptions<SandboxOptions>>().Value.RenewalOutcome, "decline", StringComparison.OrdinalIgnoreCase),
        });
        services.AddScoped<IRecurringCharges, SandboxRecurringCharges>();

        services.AddHttpClient<DodoPaymentsClient>((sp, http) => DodoPaymentsClient.Configure(http, sp.GetRequiredService<IOptions<DodoPaymentsOptions>>().Value))
            .AddGatewayResilience(GatewayNames.DodoPayments, sp => sp.GetRequiredService<IOptions<DodoPaymentsOptions>>().Value);
        services.AddScoped<DodoPaymentsGateway>();
        services.AddScoped<IGatewayAdapter>(sp => sp.GetRequiredService<DodoPaymentsGateway>());

        services.AddSingleton<PayPalTokenCache>();
        services.AddHttpClient(PayPalTokenCache.ClientName, (sp, http) => PayPalClient.Configure(http, sp.GetRequiredService<IOptions<PayPalOptions>>().Value))
            .AddGatewayResilience(GatewayNames.PayPal, sp => sp.GetRequiredService<IOptions<PayPalOptions>>().Value);
        services.AddTransient<PayPalAuthHandler>();
        services.AddHttpClient<PayPalClient>((sp, http) => PayPalClient.Configure(http, sp.GetRequiredService<IOptions<PayPalOptions>>().Value))
            .AddGatewayResilience(GatewayNames.PayPal, sp => sp.GetRequiredService<IOptions<PayPalOptions>>().Value)
            .AddHttpMessageHandler<PayPalAuthHandler>();
        services.AddScoped<PayPalSubscriptions>();
        services.AddScoped<PayPalGateway>();
        services.AddScoped<IGatewayAdapter>(sp => sp.GetRequiredService<PayPalGateway>());

        services.AddScoped<PaymentGateways>();
        services.AddScoped<IPaymentGateways>(sp => sp.GetRequiredService<PaymentGateways>());
        services.AddScoped<IPaymentGatewayOperations>(sp => sp.GetRequiredService<PaymentGateways>());
        services.AddScoped<IPaymentHistory, PaymentHistory>();
        services.AddScoped<IPaymentAdminReads, PaymentAdminReads>();
        services.AddScoped<PaymentApplier>();
        services.AddScoped<RefundService>();
        services.AddScoped<IPaymentRefunds>(sp => sp.GetRequiredService<RefundService>());
        services.AddScoped<PaymentReconciler>();
        services.AddScoped<IPaymentReconciler>(sp => sp.GetRequiredService<PaymentReconciler>());
        services.AddSingleton<ReconciliationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ReconciliationSweeper>());
        services.AddHttpClient(SandboxWebhookSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15));

        services.AddScoped<IWebhookEventHandler, PaymentSucceededHandler>();
        services.AddScoped<IWebhookEventHandler, PaymentFailedHandler>();
        services.AddScoped<IWebhookEventHandler, RefundSucceededHandler>();
        services.AddScoped<IWebhookEventHandler, RefundFailedHandler>();
        services.AddScoped<IWebhookEventHandler, DisputeOpenedHandler>();
        foreach (var type in SubscriptionEventAcknowledger.DodoTypes.Concat(SubscriptionEventAcknowledger.PayPalTypes))
            services.AddScoped<IWebhookEventHandler>(_ => new SubscriptionEventAcknowledger(type));
        services.AddScoped<GatewaySubscriptionEvents>();
        services.AddScoped<DodoSubscriptionPayments>();
        services.AddScoped<IGatewaySubscriptions, GatewaySubscriptionOperations>();
        foreach (var type in DodoSubscriptionEventHandler.Types)
            services.AddScoped<IWebhookEventHandler>(sp => new DodoSubscriptionEventHandler(sp.GetRequiredService<GatewaySubscriptionEvents>(), type));
        foreach (var type in PayPalSubscriptionEventHandler.Types)
            services.AddScoped<IWebhookEventHandler>(sp => new PayPalSubscriptionEventHandler(
                sp.GetRequiredService<GatewaySubscriptionEvents>(), sp.GetRequiredService<PayPalClient>(), type));
        services.AddScoped<IWebhookEventHandler, PayPalOrderApprovedHandler>();
        services.AddScoped<IWebhookEventHandler, PayPalCaptureCompletedHandler>();
        services.AddScoped<IWebhookEventHandler>(sp => new PayPalCaptureDeniedHandler(sp.GetRequiredService<PaymentApplier>(), "PAYMENT.CAPTURE.DENIED"));
        services.AddScoped<IWebhookEventHandler>(sp => new PayPalCaptureDeniedHandler(sp.GetRequiredService<PaymentApplier>(), "PAYMENT.CAPTURE.DECLINED"));
        services.AddScoped<IWebhookEventHandler, PayPalCaptureRefundedHandler>();
        services.AddScoped<IWebhookEventHandler, PayPalSaleRefundedHandler>();
        services.AddScoped<IWebhookEventHandler, PayPalDisputeCreatedHandler>();
        services.AddLeasedWork<WebhookInboxEntry, InboxProcessor>(o =>
        {
            // An event that overtook its payment (a refund before the payment's success) is retried soon after.
            o.RetryBase = TimeSpan.FromSeconds(2);
        });
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
        app.MapPayPalGateway();
        return app;
    }

    public static RouteGroupBuilder MapPaymentsApi(this RouteGroupBuilder api) => api.MapPaymentsAdminApi();
}
