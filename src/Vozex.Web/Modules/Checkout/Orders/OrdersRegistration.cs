using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Payments.Contracts;

namespace Vozex.Web.Modules.Checkout.Orders;

internal static class OrdersRegistration
{
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddScoped<IOrderPaymentSink, OrderPaymentSink>();
        services.AddScoped<OrderMails>();
        services.AddScoped<IFulfillmentProgressSink, OrderFulfillmentTracker>();
        services.AddScoped<OrderQueries>();
        services.AddScoped<Contracts.IOrderOverview, OrderOverviewQuery>();
        services.AddScoped<Admin.AdminOrderQueries>();
        services.AddScoped<Contracts.IOrderFigures, Admin.OrderFigures>();
        services.AddScoped<Contracts.IOrderedProducts, Admin.OrderedProducts>();
        services.AddScoped<Contracts.IRecurringBilling, Recurring.RecurringBilling>();
        services.AddSingleton<OrderExpirySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderExpirySweeper>());
        return services;
    }
}
