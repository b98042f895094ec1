using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Checkout.Admin;

internal static class AdminOrderReadEndpoints
{
    public static RouteGroupBuilder MapAdminOrderReads(this RouteGroupBuilder orders)
    {
        orders.MapGet("", List).WithName("AdminListOrders")
            .WithSummary("Every customer's orders, newest first: status, q (order number or customer email), gateway, from and to (dates, UTC).");
        orders.MapGet("/{id:guid}", Get).WithName("AdminGetOrder")
            .WithSummary("One order with its items, price lines, payments, refunds, fulfilment records, webhook events and mails.");
        return orders;
    }

    private static async Task<Results<Ok<Paged<AdminOrderSummary>>, ValidationProblem>> List(
        AdminOrderQueries queries, [FromQuery] string? status, [FromQuery] string? q, [FromQuery] string? gateway,
        [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = AdminOrderQueries.Read(status, q, gateway, from, to, page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The order query is not valid.");
        return TypedResults.Ok(await queries.ListAsync(query, cancellationToken));
    }

    private static async Task<Results<Ok<AdminOrderDetail>, ProblemHttpResult>> Get(Guid id, AdminOrderQueries queries, CancellationToken cancellationToken)
    {
        var order = await queries.FindAsync(id, cancellationToken);
        return order is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such order.")
            : TypedResults.Ok(order);
    }
}
