using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Analytics.Contracts;
using Vozex.Web.Modules.Checkout.Orders;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Checkout.Admin;

/// <summary>GET /admin/orders.csv: the orders placed in a window, one row each, amounts in minor units; streamed, so a long window never sits in memory.</summary>
internal static class AdminOrdersCsv
{
    public static readonly string[] Header =
        ["order_number", "order_id", "created_at", "paid_at", "status", "gateway", "currency", "subtotal", "discount", "total", "refunded",
         "items", "product_types", "customer_id", "customer_email"];

    public static RouteGroupBuilder MapAdminOrdersCsv(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/orders.csv", Export).RequireAuthorization(Policies.Admin).WithTags("Admin").WithName("AdminOrdersCsv")
            .WithSummary("Orders placed in [from, to] as CSV (dates are whole UTC days, to inclusive; default the last 30 days), optionally by status.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return api;
    }

    private static Results<PushStreamHttpResult, ValidationProblem> Export(
        IServiceScopeFactory scopes, TimeProvider time, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? status)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var window = ReportWindow.Parse(from, to, time.GetUtcNow(), errors);
        OrderStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            wanted = WireNames.FromWireName<OrderStatus>(status);
            if (wanted is null) errors["status"] = [$"Use one of: {WireNames.Choices<OrderStatus>()}."];
        }
        if (errors.Count > 0 || window is not { } w) return TypedResults.ValidationProblem(errors, title: "The order export is not valid.");
        var name = $"vozex-orders-{w.FirstDay:yyyy-MM-dd}-{w.LastDay:yyyy-MM-dd}.csv";
        return TypedResults.Stream(async body =>
        {
            // The request's scope may be gone while the body streams; the export reads through a scope of its own.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            await WriteAsync(db, w, wanted, body, CancellationToken.None);
        }, "text/csv; charset=utf-8", name);
    }

    public static async Task WriteAsync(MarketplaceDbContext db, ReportWindow window, OrderStatus? status, Stream body, CancellationToken cancellationToken)
    {
        var (start, end) = (window.Start, window.End);
        var orders = db.Set<Order>().AsNoTracking().IgnoreAutoIncludes().Where(o => o.CreatedAt >= start && o.CreatedAt < end);
        if (status is { } s) orders = orders.Where(o => o.Status == s);
        var rows = orders.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).Select(o => new
        {
            o.Number, o.Id, o.CreatedAt, o.PaidAt, o.Status, o.Gateway, o.Currency, o.Subtotal, o.Discount, o.Total, o.RefundedAmount,
            o.CustomerId, o.CustomerEmail, Types = o.Items.OrderBy(i => i.Position).Select(i => i.ProductType).ToList(),
        }).AsAsyncEnumerable();
        await using var csv = CsvWriter.Create(body, leaveOpen: true);
        csv.WriteHeader(Header);
        static string Whole(long v) => v.ToString(CultureInfo.InvariantCulture);
        await foreach (var o in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField(o.Number);
            csv.WriteField(o.Id.ToString("D"));
            csv.WriteField(o.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            csv.WriteField(o.PaidAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(o.Status.WireName());
            csv.WriteField(o.Gateway);
            csv.WriteField(o.Currency);
            csv.WriteField(Whole(o.Subtotal));
            csv.WriteField(Whole(o.Discount));
            csv.WriteField(Whole(o.Total));
            csv.WriteField(Whole(o.RefundedAmount));
            csv.WriteField(Whole(o.Types.Count));
            csv.WriteField(string.Join(' ', o.Types.Distinct()));
            csv.WriteField(o.CustomerId.ToString("D"));
            csv.WriteField(o.CustomerEmail);
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
