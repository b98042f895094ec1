using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Bench.Queue;

/// <summary>
/// Issue 7's goal: paid → assigned p95 with 20 orders/s arriving and 1,000 providers. Paid service items are queued as
/// fulfilment records (what a payment commits) and go through the real service_fulfillment driver and assignment queue.
/// </summary>
internal static class AssignmentBenchmark
{
    private static readonly string[] Skills =
        ["graphic_design", "branding", "illustration", "ui_ux_design", "ios", "android", "flutter", "react", "dotnet", "wordpress",
         "cloud_devops", "linux_admin", "networking", "windows_server"];

    public static async Task<int> RunAsync(string connectionString, int perSecond, int seconds)
    {
        await using var app = new WebApplicationFactory<global::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Vozex:Database:Provider", "postgres");
            web.UseSetting("ConnectionStrings:Marketplace", connectionString);
            web.UseSetting("Vozex:DataDirectory", Directory.CreateTempSubdirectory("vozex-assign-bench-").FullName);
            web.UseSetting("Vozex:Seed:Demo", "true");
            web.UseSetting("Vozex:Payments:Sandbox:Enabled", "true");
            web.UseSetting("Vozex:Bootstrap:AdminEmail", "admin@bench.local");
            web.UseSetting("Vozex:Bootstrap:AdminPassword", "bench-admin-password-1");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        _ = app.Server;
        await SeedProvidersAsync(app, 1000);

        var count = perSecond * seconds;
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await QueueAsync(app, i);
            next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }

        List<(DateTimeOffset Paid, DateTimeOffset? Assigned)> rows;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var orders = await db.Set<ServiceOrder>().AsNoTracking().Where(o => o.OrderNumber == "VZX-BENCH-SERVE")
                .Select(o => new { o.FulfillmentId, o.AssignedAt }).ToListAsync();
            var paid = await db.Set<FulfillmentRecord>().AsNoTracking().Where(r => r.OrderNumber == "VZX-BENCH-SERVE")
                .ToDictionaryAsync(r => r.Id, r => r.PaidAt);
            rows = orders.Select(o => (paid[o.FulfillmentId], o.AssignedAt)).ToList();
            if ((rows.Count == count && rows.All(r => r.Assigned is not null)) || DateTime.UtcNow > deadline) break;
            await Task.Delay(200);
        }
        var latencies = rows.Where(r => r.Assigned is not null).Select(r => (r.Assigned!.Value - r.Paid).TotalMilliseconds).Order().ToArray();
        Console.WriteLine($"# paid → assigned, {count} service orders at {perSecond}/s, 1,000 providers, PostgreSQL, {Environment.ProcessorCount} cores");
        Console.WriteLine($"assigned {latencies.Length} of {count}: p50 {P(latencies, 0.50):0} ms, p95 {P(latencies, 0.95):0} ms, p99 {P(latencies, 0.99):0} ms, max {latencies[^1]:0} ms");
        return 0;
    }

    private static async Task SeedProvidersAsync(WebApplicationFactory<global::Program> app, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
            db.Add(new Provider
            {
                Id = Guid.CreateVersion7(),
                Name = $"Provider {i}",
                Email = $"provider-{i}@bench.local",
                Skills = Skills.OrderBy(_ => random.Next()).Take(random.Next(2, 6)).ToList(),
                Capacity = random.Next(2, 8),
                RatingSum = random.Next(0, 50),
                RatingCount = 10,
                CreatedAt = now,
                UpdatedAt = now,
            });
        await db.SaveChangesAsync();
    }

    private static async Task QueueAsync(WebApplicationFactory<global::Program> app, int i)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.Add(new FulfillmentRecord
        {
            OrderId = Guid.NewGuid(),
            OrderNumber = "VZX-BENCH-SERVE",
            OrderItemId = 2_000_000_000 + i,
            CustomerId = Guid.NewGuid(),
            CustomerEmail = "bench@example.com",
            Driver = FulfillmentDrivers.ServiceFulfillment,
            ProductType = "design_services",
            ProductSlug = "brandcraft-logo-identity",
            ProductName = "BrandCraft Logo & Identity",
            PayloadSnapshot = """{"package":"standard","requirements":"A logo","timeline":"standard"}""",
            PaidAt = now,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        await db.SaveChangesAsync();
        app.Services.GetRequiredService<WorkSignal<FulfillmentRecord>>().Pulse(); // what the payment's after-commit action does
    }

    private static double P(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
