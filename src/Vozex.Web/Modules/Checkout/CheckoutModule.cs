using Vozex.Web.Modules.Checkout.Admin;
using Vozex.Web.Modules.Checkout.Cart;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Checkout.Placement;
using Vozex.Web.Modules.Checkout.Quotes;

namespace Vozex.Web.Modules.Checkout;

public static class CheckoutModule
{
    public static IHostApplicationBuilder AddCheckout(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<QuoteService>();
        builder.Services.AddScoped<CheckoutService>();
        builder.Services.AddOrders();
        builder.Services.AddCart();
        return builder;
    }

    public static RouteGroupBuilder MapCheckout(this RouteGroupBuilder api) => api.MapQuotesApi().MapCheckoutApi().MapCartApi().MapAdminOrdersApi().MapAdminOrdersCsv();
}
