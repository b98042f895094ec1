// REPLACED ON MERGE: a stand-in with only the contract of the checkout being built on main, so the cart compiles.
// The lead deletes this file when merging the cart branch; the real CheckoutService replaces it.
namespace Vozex.Web.Modules.Checkout.Placement;

public sealed record CheckoutCommand(IReadOnlyList<Vozex.Web.Modules.Checkout.Quotes.QuoteItemRequest?>? Items, string? PaymentGateway, string? ReturnUrl);

public abstract record CheckoutOutcome
{
    public sealed record Created(Guid OrderId, string OrderNumber, string CheckoutUrl, bool Replayed) : CheckoutOutcome;
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : CheckoutOutcome;
    public sealed record IdempotencyConflict : CheckoutOutcome;
}

public sealed class CheckoutService
{
    public Task<CheckoutOutcome> PlaceOrderAsync(Guid customerId, CheckoutCommand command, string? idempotencyKey, Uri origin, CancellationToken cancellationToken) =>
        throw new NotImplementedException("REPLACED ON MERGE: the checkout lands from main.");
}
