using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Modules.Checkout.Placement;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Checkout.Admin;

public sealed record RefundOrderCommand(IReadOnlyList<long>? Items, string? Reason);

public sealed record RefundAccepted(Guid RefundId, Guid OrderId, string Status, Money Amount, IReadOnlyList<long> Items);

public sealed record RecheckResult(Guid OrderId, string Outcome, string Status);

internal static class AdminOrderEndpoints
{
    public static RouteGroupBuilder MapAdminOrdersApi(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/admin/orders").RequireAuthorization(Policies.Admin).WithTags("Admin");
        orders.MapAdminOrderReads();
        orders.MapPost("/{id:guid}/refunds", Refund).WithName("AdminRefundOrder")
            .WithSummary("Refunds all remaining items (no items) or the listed ones through the order's gateway.")
            .WithDescription("202: the refund was sent (or queued for a safe resend); the order becomes refunded or partially_refunded when the gateway confirms. 409: nothing to refund or the gateway refused.");
        orders.MapPost("/{id:guid}/recheck", Recheck).WithName("AdminRecheckOrder")
            .WithSummary("Asks the order's gateway what became of its payment and applies the answer, as a webhook would.");
        return api;
    }

    /// <summary>Also called by the admin order page, so a refund from the page follows exactly the API's rules.</summary>
    internal static async Task<Results<Accepted<RefundAccepted>, ValidationProblem, ProblemHttpResult>> Refund(
        Guid id, RefundOrderCommand command, ClaimsPrincipal user, MarketplaceDbContext db, IPaymentRefunds refunds, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var reason = command.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500) errors["reason"] = ["Required, at most 500 characters."];
        if (command.Items is { Count: 0 }) errors["items"] = ["Leave it out to refund everything, or list at least one order item id."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The refund cannot be made as sent.");

        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such order.");
        if (!OrderStateMachine.IsPaid(order.Status) || order.Status == OrderStatus.Refunded)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not refundable",
                detail: $"The order is {order.Status.WireName()}; only paid, not fully refunded orders can be refunded.");

        var busy = await refunds.ItemsInRefundsAsync(id, cancellationToken);
        var open = order.Items.Where(i => i.RefundedAt is null && !busy.Contains(i.Id)).OrderBy(i => i.Position).ToList();
        List<OrderItem> chosen;
        long amount;
        if (command.Items is { } wanted)
        {
            for (var i = 0; i < wanted.Count; i++)
            {
                if (order.Items.All(item => item.Id != wanted[i])) errors[$"items[{i}]"] = [$"Order item {wanted[i]} is not in this order."];
                else if (open.All(item => item.Id != wanted[i])) errors[$"items[{i}]"] = [$"Order item {wanted[i]} is already refunded or being refunded."];
            }
            if (wanted.Distinct().Count() != wanted.Count) errors["items"] = ["List each item once."];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The refund cannot be made as sent.");
            chosen = open.Where(i => wanted.Contains(i.Id)).ToList();
            amount = chosen.Sum(i => i.Total);
        }
        else
        {
            chosen = open;
            // Everything that is left, including any order-level difference between the items and the total.
            amount = order.Total - order.Items.Where(i => i.RefundedAt is not null || busy.Contains(i.Id)).Sum(i => i.Total);
        }
        if (chosen.Count == 0 || amount <= 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to refund", detail: "Every item is already refunded or being refunded.");

        var lines = chosen.Select(i => new CheckoutLine(i.ProductName, new Money(i.Total, order.Currency), i.Id, CheckoutService.ProductKey(i.ProductId), i.Recurring ? i.BillingCycle : null)).ToList();
        var outcome = await refunds.RefundAsync(new OrderRefundCommand(order.Id, order.Gateway, lines, new Money(amount, order.Currency), reason!,
            user.Identity?.Name ?? user.UserId()?.ToString() ?? "admin"), cancellationToken);
        // Recorded after the refund's own commits (the refund service clears its context on a lost race), refused ones too.
        audit.Record(user, "order.refund", "order", order.Id.ToString(), outcome switch
        {
            RefundOutcome.Accepted a => (object)new { refund_id = a.RefundId, status = a.Status, amount = a.Amount, items = chosen.Select(i => i.Id).ToList(), reason },
            RefundOutcome.Refused r => new { refused = r.Reason, amount, items = chosen.Select(i => i.Id).ToList(), reason },
            _ => null,
        });
        await db.SaveChangesAsync(cancellationToken);
        return outcome switch
        {
            RefundOutcome.Accepted a => TypedResults.Accepted($"/api/v1/orders/{order.Id}",
                new RefundAccepted(a.RefundId, order.Id, a.Status, a.Amount, chosen.Select(i => i.Id).ToList())),
            RefundOutcome.Refused r => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refund refused", detail: r.Reason),
            _ => throw new InvalidOperationException("Unknown refund outcome."),
        };
    }

    private static async Task<Results<Ok<RecheckResult>, ProblemHttpResult>> Recheck(
        Guid id, ClaimsPrincipal user, MarketplaceDbContext db, IPaymentReconciler reconciler, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (!await db.Set<Order>().AnyAsync(o => o.Id == id, cancellationToken))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such order.");
        var outcome = await reconciler.RecheckOrderAsync(id, cancellationToken);
        audit.Record(user, "order.recheck", "order", id.ToString(), new { outcome });
        await db.SaveChangesAsync(cancellationToken);
        var status = await db.Set<Order>().AsNoTracking().IgnoreAutoIncludes().Where(o => o.Id == id).Select(o => o.Status).FirstAsync(cancellationToken);
        return TypedResults.Ok(new RecheckResult(id, outcome, status.WireName()));
    }
}
