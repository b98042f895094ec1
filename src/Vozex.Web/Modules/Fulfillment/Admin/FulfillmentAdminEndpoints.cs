using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Jobs;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Fulfillment.Admin;

public sealed record FulfillmentAdminView(
    long Id,
    Guid OrderId,
    string OrderNumber,
    long OrderItemId,
    string CustomerEmail,
    string Driver,
    string ProductType,
    string ProductName,
    FulfillmentStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    string? ExternalReferenceId,
    string? ExternalWorkspaceUrl,
    DateTimeOffset PaidAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

public sealed record BulkRetryRequest(IReadOnlyList<long>? Ids);

public sealed record BulkRetryOutcome(long Id, string Outcome);

public sealed record BulkRetryResult(int Queued, IReadOnlyList<BulkRetryOutcome> Results);

public sealed record FulfillmentCounts(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByDriver);

internal static class FulfillmentAdminEndpoints
{
    private const int MaxBulk = 200;

    public static RouteGroupBuilder MapFulfillmentAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/fulfillments").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("/", List).WithName("AdminListFulfillments")
            .WithSummary("Fulfilment records, newest first, filtered by status, driver or order.");
        admin.MapGet("/counts", Counts).WithName("AdminFulfillmentCounts")
            .WithSummary("How many records each driver has in each status.");
        admin.MapGet("/timings", Timings).WithName("AdminFulfillmentTimings")
            .WithSummary("Paid → fulfilled p50/p95 in milliseconds per driver, over records finished in [from, to).");
        admin.MapPost("/{id:long}/retry", Retry).WithName("AdminRetryFulfillment")
            .WithSummary("Queues a failed (or waiting) record again with a fresh set of attempts.");
        admin.MapPost("/retry", BulkRetry).WithName("AdminBulkRetryFulfillments")
            .WithSummary("Retries many records; reports the outcome for each id.");
        return api;
    }

    internal static async Task<Results<Ok<Paged<FulfillmentAdminView>>, ValidationProblem>> List(
        MarketplaceDbContext db,
        [FromQuery] string? status, [FromQuery] string? driver, [FromQuery(Name = "order_id")] string? orderId,
        [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (p, size) = Paging.Read(page, pageSize, errors);
        FulfillmentStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (WireNames.FromWireName<FulfillmentStatus>(status) is { } parsed) statusFilter = parsed;
            else errors["status"] = [$"Use one of: {WireNames.Choices<FulfillmentStatus>()}."];
        }
        if (!string.IsNullOrEmpty(driver) && !FulfillmentDrivers.All.Contains(driver))
            errors["driver"] = [$"Use one of: {string.Join(", ", FulfillmentDrivers.All)}."];
        Guid? order = null;
        if (!string.IsNullOrEmpty(orderId))
        {
            if (Guid.TryParse(orderId, out var parsedOrder)) order = parsedOrder;
            else errors["order_id"] = ["Must be an order id."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The fulfilment query is not valid.");

        var records = db.Set<FulfillmentRecord>().AsNoTracking();
        if (statusFilter is { } s) records = records.Where(r => r.Status == s);
        if (!string.IsNullOrEmpty(driver)) records = records.Where(r => r.Driver == driver);
        if (order is { } o) records = records.Where(r => r.OrderId == o);
        var total = await records.CountAsync(cancellationToken);
        var items = await records.OrderByDescending(r => r.Id).Skip((p - 1) * size).Take(size)
            .Select(r => new FulfillmentAdminView(r.Id, r.OrderId, r.OrderNumber, r.OrderItemId, r.CustomerEmail, r.Driver, r.ProductType,
                r.ProductName, r.Status, r.Attempts, r.NextAttemptAt, r.LastError, r.ExternalReferenceId, r.ExternalWorkspaceUrl,
                r.PaidAt, r.CreatedAt, r.StartedAt, r.FinishedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Paged<FulfillmentAdminView>(items, p, size, total));
    }

    internal static async Task<Ok<FulfillmentCounts>> Counts(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Set<FulfillmentRecord>().AsNoTracking()
            .GroupBy(r => new { r.Driver, r.Status })
            .Select(g => new { g.Key.Driver, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byDriver = FulfillmentDrivers.All.ToDictionary(d => d, d => (IReadOnlyDictionary<string, int>)Enum.GetValues<FulfillmentStatus>()
            .ToDictionary(s => s.WireName(), s => rows.Where(r => r.Driver == d && r.Status == s).Sum(r => r.Count)));
        return TypedResults.Ok(new FulfillmentCounts(byDriver));
    }

    private static async Task<Results<Ok<IReadOnlyDictionary<string, DriverTiming>>, ValidationProblem>> Timings(
        IFulfillmentTimings timings, TimeProvider time,
        [FromQuery] string? from, [FromQuery] string? to, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var start = ReadInstant(from, "from", now.AddDays(-30), errors);
        var end = ReadInstant(to, "to", now.AddMinutes(1), errors);
        if (errors.Count == 0 && end <= start) errors["to"] = ["Must be after from."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The timing window is not valid.");
        return TypedResults.Ok(await timings.PerDriverAsync(start, end, cancellationToken));
    }

    private static async Task<Results<Ok<FulfillmentAdminView>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Retry(
        long id, MarketplaceDbContext db, IAuditLog audit, TimeProvider time, WorkSignal<FulfillmentRecord> signal, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var record = await db.Set<FulfillmentRecord>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
            return TypedResults.NotFound(new ProblemDetails { Title = "No such fulfilment record.", Status = StatusCodes.Status404NotFound });
        var previous = record.Status;
        if (!record.Retry(time.GetUtcNow()))
            return TypedResults.Conflict(new ProblemDetails
            {
                Title = "This record cannot be retried.",
                Detail = $"It is {record.Status.WireName()}; only failed or waiting records are retried.",
                Status = StatusCodes.Status409Conflict,
            });
        audit.Record(user, "fulfillment.retry", "fulfillment", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { order_number = record.OrderNumber, driver = record.Driver, previous_status = previous.WireName() });
        await db.SaveChangesAsync(cancellationToken);
        signal.Pulse();
        return TypedResults.Ok(ToView(record));
    }

    internal static async Task<Results<Ok<BulkRetryResult>, ValidationProblem>> BulkRetry(
        BulkRetryRequest request, MarketplaceDbContext db, IAuditLog audit, TimeProvider time, WorkSignal<FulfillmentRecord> signal,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ids = request.Ids?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxBulk)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"Give from 1 to {MaxBulk} record ids."] },
                title: "The bulk retry is not valid.");
        var records = await db.Set<FulfillmentRecord>().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var now = time.GetUtcNow();
        var results = new List<BulkRetryOutcome>(ids.Count);
        foreach (var id in ids)
        {
            if (!records.TryGetValue(id, out var record))
            {
                results.Add(new BulkRetryOutcome(id, "not_found"));
                continue;
            }
            var previous = record.Status;
            if (!record.Retry(now))
            {
                results.Add(new BulkRetryOutcome(id, "not_retryable"));
                continue;
            }
            audit.Record(user, "fulfillment.retry", "fulfillment", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { order_number = record.OrderNumber, driver = record.Driver, previous_status = previous.WireName(), bulk = true });
            results.Add(new BulkRetryOutcome(id, "queued"));
        }
        await db.SaveChangesAsync(cancellationToken);
        signal.Pulse();
        return TypedResults.Ok(new BulkRetryResult(results.Count(r => r.Outcome == "queued"), results));
    }

    private static FulfillmentAdminView ToView(FulfillmentRecord r) =>
        new(r.Id, r.OrderId, r.OrderNumber, r.OrderItemId, r.CustomerEmail, r.Driver, r.ProductType, r.ProductName, r.Status, r.Attempts,
            r.NextAttemptAt, r.LastError, r.ExternalReferenceId, r.ExternalWorkspaceUrl, r.PaidAt, r.CreatedAt, r.StartedAt, r.FinishedAt);


    private static DateTimeOffset ReadInstant(string? value, string name, DateTimeOffset fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value)) return fallback;
        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            return parsed;
        errors[name] = ["Must be an ISO 8601 date or time."];
        return fallback;
    }
}
