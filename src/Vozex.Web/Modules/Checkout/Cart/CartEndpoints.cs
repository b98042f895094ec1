using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Vozex.Web.Modules.Accounts;

namespace Vozex.Web.Modules.Checkout.Cart;

/// <summary>Body of <c>POST /cart/items</c>: an item as quotes and checkout take it.</summary>
internal sealed record AddCartItemRequest(string? ProductSlug, JsonElement Configuration);

/// <summary>Body of <c>PUT /cart/items/{id}</c>: the item's new configuration (its product stays).</summary>
internal sealed record ChangeCartItemRequest(JsonElement Configuration);

/// <summary>
/// The cart API, for visitors (cart cookie) and customers (bearer token or session cookie). Writes take JSON bodies
/// only (a form post is 415) or no body (DELETE), so another site can neither send them as a plain form nor from
/// script without a CORS preflight we never grant; with the SameSite=Lax cookies that is the CSRF protection here.
/// </summary>
internal static class CartEndpoints
{
    public static RouteGroupBuilder MapCartApi(this RouteGroupBuilder api)
    {
        var cart = api.MapGroup("/cart").WithTags("Cart").AllowAnonymous().AddEndpointFilter(RejectFailedBearer);

        cart.MapGet("", GetCart).WithName("GetCart")
            .WithSummary("The caller's cart, priced now by the quote service.")
            .WithDescription("Visitors are identified by the cart cookie, customers by their account; a visitor cart still held by a signed-in "
                + "customer is merged into theirs first. Items that can no longer be bought are listed with unavailable: true and their errors, "
                + "and left out of the totals.");
        cart.MapDelete("", ClearCart).WithName("ClearCart").WithSummary("Removes every item from the caller's cart.");
        cart.MapPost("/items", AddItem).WithName("AddCartItem")
            .WithSummary("Adds a configured product to the cart (at most 20 items).")
            .WithDescription("Body {product_slug, configuration}, validated exactly as a quote: a 400 problem names the wrong field "
                + "(product_slug, configuration.plan, ...). A visitor without a cart gets one and its HttpOnly cookie.");
        cart.MapPut("/items/{id:guid}", ChangeItem).WithName("ChangeCartItem")
            .WithSummary("Replaces an item's configuration; 404 for an item that is not in the caller's cart.");
        cart.MapDelete("/items/{id:guid}", RemoveItem).WithName("RemoveCartItem")
            .WithSummary("Removes an item; 404 for an item that is not in the caller's cart.");
        return api;
    }

    private static async Task<Ok<CartView>> GetCart(HttpContext http, CartService carts, CancellationToken ct) =>
        TypedResults.Ok(await carts.GetAsync(http, ct));

    private static async Task<NoContent> ClearCart(HttpContext http, CartService carts, CancellationToken ct)
    {
        await carts.ClearAsync(http, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<CartItemView>, ValidationProblem>> AddItem(
        AddCartItemRequest request, HttpContext http, CartService carts, CancellationToken ct) =>
        await carts.AddAsync(http, request.ProductSlug, request.Configuration, ct) switch
        {
            CartChange.Done done => TypedResults.Created("/api/v1/cart", done.Item),
            CartChange.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: "The item cannot be added to the cart."),
            var other => throw new InvalidOperationException($"Adding an item cannot end in {other.GetType().Name}."),
        };

    private static async Task<Results<Ok<CartItemView>, ValidationProblem, NotFound>> ChangeItem(
        Guid id, ChangeCartItemRequest request, HttpContext http, CartService carts, CancellationToken ct) =>
        await carts.UpdateAsync(http, id, request.Configuration, ct) switch
        {
            CartChange.Done done => TypedResults.Ok(done.Item),
            CartChange.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: "The item cannot be changed that way."),
            _ => TypedResults.NotFound(),
        };

    private static async Task<Results<NoContent, NotFound>> RemoveItem(Guid id, HttpContext http, CartService carts, CancellationToken ct) =>
        await carts.RemoveAsync(http, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>
    /// A request that sent a bearer token which did not authenticate (expired, revoked) is refused rather than served
    /// as an anonymous visitor: an API client would otherwise quietly fill a cart nobody can reach.
    /// </summary>
    private static async ValueTask<object?> RejectFailedBearer(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (AccountsModule.HasBearerToken(http.Request) && http.User.Identity?.IsAuthenticated != true)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "The bearer token is not valid. Sign in again, or call without it to use a visitor cart.");
        return await next(context);
    }
}
