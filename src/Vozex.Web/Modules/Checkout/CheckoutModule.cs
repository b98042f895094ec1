using Vozex.Web.Modules.Checkout.Quotes;

namespace Vozex.Web.Modules.Checkout;

public static class CheckoutModule
{
    public static IHostApplicationBuilder AddCheckout(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<QuoteService>();
        return builder;
    }

    public static RouteGroupBuilder MapCheckout(this RouteGroupBuilder api) => api.MapQuotesApi();
}
