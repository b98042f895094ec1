using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Checkout.Placement;

public sealed record CheckoutResponse(Guid OrderId, string OrderNumber, string Status, Vozex.Web.Platform.Money Total, string CheckoutUrl);

internal static class CheckoutEndpoints
{
    public static RouteGroupBuilder MapCheckoutApi(this RouteGroupBuilder api)
    {
        api.MapPost("/checkout", PlaceOrder)
            .RequireAuthorization(Policies.Customer)
            .WithTags("Checkout")
            .WithName("Checkout")
            .WithSummary("Places an order priced on the server and returns the gateway's checkout_url.")
            .WithDescription("Send Idempotency-Key to make retries safe: the same key and body return the same order; the same key with another body is a 422.");

        var orders = api.MapGroup("/orders").RequireAuthorization(Policies.Customer).WithTags("Orders");
        orders.MapGet("", ListOrders).WithName("ListOrders").WithSummary("The signed-in customer's orders, newest first.");
        orders.MapGet("/{id:guid}", GetOrder).WithName("GetOrder").WithSummary("One of the signed-in customer's orders; anyone else's is 404.");
        return api;
    }

    private static async Task<Results<Created<CheckoutResponse>, Ok<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> PlaceOrder(
        CheckoutCommand command, ClaimsPrincipal user, HttpRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        CheckoutService checkout, OrderQueries orders, CancellationToken cancellationToken)
    {
        var origin = new Uri($"{request.Scheme}://{request.Host}");
        var outcome = await checkout.PlaceOrderAsync(user.RequiredUserId(), command, idempotencyKey, origin, cancellationToken);
        switch (outcome)
        {
            case CheckoutOutcome.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: "The order cannot be placed as sent.");
            case CheckoutOutcome.IdempotencyConflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                    detail: "This Idempotency-Key was already used with a different request body.");
            case CheckoutOutcome.Created created:
                var order = await orders.FindAsync(user.RequiredUserId(), created.OrderId, cancellationToken)
                    ?? throw new InvalidOperationException("The order just placed cannot be read back.");
                var response = new CheckoutResponse(created.OrderId, created.OrderNumber, order.Status, order.Total, created.CheckoutUrl);
                return created.Replayed ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/orders/{created.OrderId}", response);
            default:
                throw new InvalidOperationException($"Unhandled checkout outcome {outcome.GetType().Name}.");
        }
    }

    private static async Task<Results<Ok<Paged<OrderSummaryView>>, ValidationProblem>> ListOrders(
        ClaimsPrincipal user, OrderQueries orders, [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await orders.ListAsync(user.RequiredUserId(), p, size, cancellationToken));
    }

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetOrder(Guid id, ClaimsPrincipal user, OrderQueries orders, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(user.RequiredUserId(), id, cancellationToken);
        return order is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such order.")
            : TypedResults.Ok(order);
    }
}
