using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vozex.Web.Modules.Analytics.Contracts;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Analytics.Summary;

internal static class AnalyticsEndpoints
{
    public static RouteGroupBuilder MapAnalyticsApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/analytics").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("/summary", Summary).WithName("AdminAnalyticsSummary")
            .WithSummary("Funnel, checkout completion, payment success per gateway, fulfilment p50/p95 per driver and revenue in a window.")
            .WithDescription("from and to are dates (YYYY-MM-DD, whole UTC days, to inclusive) or ISO 8601 instants (to exclusive); default the last 30 days.");
        admin.MapGet("/summary.csv", SummaryCsv).WithName("AdminAnalyticsSummaryCsv")
            .WithSummary("The same summary as CSV: section, key, value, currency.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return api;
    }

    private static async Task<Results<Ok<AnalyticsSummaryView>, ValidationProblem>> Summary(
        AnalyticsSummaryQuery query, TimeProvider time, [FromQuery] string? from, [FromQuery] string? to, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (ReportWindow.Parse(from, to, time.GetUtcNow(), errors) is not { } window)
            return TypedResults.ValidationProblem(errors, title: "The analytics window is not valid.");
        return TypedResults.Ok(await query.RunAsync(window, cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> SummaryCsv(
        AnalyticsSummaryQuery query, TimeProvider time, [FromQuery] string? from, [FromQuery] string? to, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (ReportWindow.Parse(from, to, time.GetUtcNow(), errors) is not { } window)
            return TypedResults.ValidationProblem(errors, title: "The analytics window is not valid.");
        var summary = await query.RunAsync(window, cancellationToken);
        var name = $"vozex-analytics-{window.FirstDay:yyyy-MM-dd}-{window.LastDay:yyyy-MM-dd}.csv";
        return TypedResults.File(await SummaryCsvWriter.WriteAsync(summary, cancellationToken), "text/csv; charset=utf-8", name);
    }
}

/// <summary>The summary as long-format CSV: one row per figure, so any spreadsheet can pivot it.</summary>
internal static class SummaryCsvWriter
{
    public static readonly string[] Header = ["section", "key", "value", "currency"];

    public static async Task<byte[]> WriteAsync(AnalyticsSummaryView s, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var csv = CsvWriter.Create(buffer, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            void Row(string section, string key, string value, string currency = "")
            {
                csv.WriteField(section);
                csv.WriteField(key);
                csv.WriteField(value);
                csv.WriteField(currency);
                csv.EndRecord();
            }
            static string Number(double? v) => v?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
            static string Whole(long v) => v.ToString(CultureInfo.InvariantCulture);

            Row("window", "from", s.From.ToString("O", CultureInfo.InvariantCulture));
            Row("window", "to", s.To.ToString("O", CultureInfo.InvariantCulture));
            Row("funnel", "catalog_views", Whole(s.Funnel.CatalogViews));
            Row("funnel", "product_views", Whole(s.Funnel.ProductViews));
            Row("funnel", "checkouts_started", Whole(s.Funnel.CheckoutsStarted));
            Row("funnel", "orders_paid", Whole(s.Funnel.OrdersPaid));
            Row("checkout_completion_rate", "all", Number(s.CheckoutCompletionRate));
            foreach (var (gateway, rate) in s.PaymentSuccessRate) Row("payment_success_rate", gateway, Number(rate));
            foreach (var (driver, p) in s.FulfillmentTimeMs)
            {
                Row("fulfillment_time_ms_p50", driver, Whole(p.P50));
                Row("fulfillment_time_ms_p95", driver, Whole(p.P95));
                Row("fulfillment_count", driver, Whole(p.Count));
            }
            foreach (var (type, money) in s.RevenueByProductType) Row("revenue_by_product_type", type, Whole(money.Amount), money.Currency);
            foreach (var day in s.RevenueByDay) Row("revenue_by_day", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Whole(day.Revenue.Amount), day.Revenue.Currency);
            Row("revenue", "total", Whole(s.Revenue.Amount), s.Revenue.Currency);
            await csv.FlushAsync(cancellationToken);
        }
        return buffer.ToArray();
    }
}
