using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.ServiceOrders.Fulfil;

/// <summary>
/// <c>service_fulfillment</c>: creates the service order in the worker's unit of work (idempotent by fulfilment id) and
/// wakes the assignment queue once it is committed, so assignment never holds up (or is undone by) fulfilment.
/// </summary>
internal sealed class ServiceFulfillmentDriver(MarketplaceDbContext db, AfterCommit afterCommit, WorkSignal<ServiceOrder> assignments, TimeProvider time)
    : IFulfillmentDriver
{
    public string Name => FulfillmentDrivers.ServiceFulfillment;

    public async Task<FulfillmentResult> RunAsync(FulfillmentJob job, CancellationToken cancellationToken)
    {
        var existing = await db.Set<ServiceOrder>().AsNoTracking().Where(o => o.FulfillmentId == job.FulfillmentId)
            .Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id) return Result(id);

        using var configuration = JsonDocument.Parse(job.PayloadSnapshot);
        var packageId = configuration.RootElement.GetProperty("package").GetString()!;
        var timelineId = configuration.RootElement.GetProperty("timeline").GetString()!;
        var requirements = configuration.RootElement.TryGetProperty("requirements", out var r) ? r.GetString() ?? "" : "";

        var (package, timeline, skills) = await TermsAsPaidAsync(job, packageId, timelineId, cancellationToken);
        // SPEC §4: paid time + package duration × timeline duration factor, rounded to the hour like the quote.
        var duration = TimeSpan.FromHours(Money.RoundedPercent(package.DurationDays * 24L, timeline.DurationFactorPercent));

        var order = new ServiceOrder
        {
            FulfillmentId = job.FulfillmentId,
            OrderId = job.OrderId,
            OrderNumber = job.OrderNumber,
            OrderItemId = job.OrderItemId,
            CustomerId = job.CustomerId,
            CustomerEmail = job.CustomerEmail,
            ProductSlug = job.ProductSlug,
            ProductName = job.ProductName,
            ProductType = job.ProductType,
            PackageId = package.Id,
            PackageName = package.Name,
            Timeline = timeline.Id,
            Requirements = requirements.Length > 5000 ? requirements[..5000] : requirements,
            RequiredSkills = skills,
            EstimatedCompletion = job.PaidAt + duration,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(order);
        afterCommit.Add(assignments.Pulse);
        return Result(order.Id);
    }

    /// <summary>Package, timeline and skills as the order promised them; orders from before terms were kept read today's catalog.</summary>
    private async Task<(ServicePackage Package, TimelineOption Timeline, List<string> Skills)> TermsAsPaidAsync(
        FulfillmentJob job, string packageId, string timelineId, CancellationToken cancellationToken)
    {
        if (PurchasedTerms.Parse(job.TermsSnapshot) is { Package: { } package, Timeline: { } timeline } terms && package.Id == packageId && timeline.Id == timelineId)
            return (package, timeline, [.. terms.RequiredSkills ?? []]);

        var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == job.ProductSlug, cancellationToken)
            ?? throw new InvalidOperationException($"Product {job.ProductSlug} no longer exists.");
        var livePackage = product.Options.ServicePackages?.FirstOrDefault(p => p.Id == packageId)
            ?? throw new InvalidOperationException($"Package {packageId} is no longer offered by {job.ProductSlug}.");
        var liveTimeline = (product.Options.Timelines ?? OptionDefaults.Timelines).FirstOrDefault(t => t.Id == timelineId)
            ?? throw new InvalidOperationException($"Timeline {timelineId} is no longer offered by {job.ProductSlug}.");
        return (livePackage, liveTimeline, [.. product.Options.RequiredSkills ?? []]);
    }

    private static FulfillmentResult Result(Guid serviceOrderId) =>
        FulfillmentResult.Active(serviceOrderId.ToString(), $"/service-orders/{serviceOrderId}");
}
