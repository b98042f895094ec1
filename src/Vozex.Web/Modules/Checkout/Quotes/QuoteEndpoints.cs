using Microsoft.AspNetCore.Http.HttpResults;

namespace Vozex.Web.Modules.Checkout.Quotes;

internal static class QuoteEndpoints
{
    public static RouteGroupBuilder MapQuotesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/quotes", CreateQuote)
            .WithTags("Checkout")
            .AllowAnonymous()
            .WithName("CreateQuote")
            .WithSummary("Prices configured items on the server, exactly as checkout will.")
            .WithDescription("Body {items: [{product_slug, configuration}]} with 1 to 20 items. Any total the client sends is ignored. "
                + "Invalid items are a 400 problem whose errors are keyed by path, e.g. items[0].configuration.plan. "
                + "For SaaS the item total is the charge per billing cycle; services carry an estimated completion as if paid now.");
        return api;
    }

    private static async Task<Results<Ok<QuoteView>, ValidationProblem>> CreateQuote(
        QuoteRequest request, QuoteService quotes, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await quotes.QuoteAsync(request.Items ?? [], cancellationToken);
        if (!result.Succeeded)
            return TypedResults.ValidationProblem(result.Errors, title: "The quote request is not valid.");
        return TypedResults.Ok(QuoteView.From(result.Quote, time.GetUtcNow()));
    }
}
