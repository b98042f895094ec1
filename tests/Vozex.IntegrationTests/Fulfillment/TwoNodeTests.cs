using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.Testing;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.IntegrationTests.Fulfillment;

/// <summary>Two app nodes sharing one PostgreSQL database divide the work and never run one record at the same time.</summary>
[Collection("postgres")]
public sealed class TwoNodeTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Two_nodes_process_500_records_each_exactly_once_and_never_one_twice_at_once()
    {
        var probe = new DriverProbe { Work = TimeSpan.FromMilliseconds(3) };
        var settings = new Dictionary<string, string?>
        {
            ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.050",
            ["Vozex:Fulfillment:BatchSize"] = "20",
        };
        await using var a = (await cluster.NewAppAsync(settings)).WithScriptedDrivers(probe, "a");
        _ = a.Server;
        await using var b = VozexAppFactory.Postgres(a.Settings["ConnectionStrings:Marketplace"]!, settings).WithScriptedDrivers(probe, "b");
        _ = b.Server;

        var now = DateTimeOffset.UtcNow;
        await using (var scope = a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            db.AddRange(Enumerable.Range(0, 500).Select(i => new FulfillmentRecord
            {
                OrderId = Guid.NewGuid(),
                OrderNumber = "VZX-TWONO-DE000",
                OrderItemId = 7_000_000 + i,
                CustomerId = Guid.NewGuid(),
                CustomerEmail = "someone@example.com",
                Driver = FulfillmentDrivers.All[i % 3],
                ProductType = "pos_retail",
                ProductSlug = "test-product",
                ProductName = "Test product",
                PayloadSnapshot = "{}",
                PaidAt = now,
                CreatedAt = now,
                NextAttemptAt = now,
            }));
            await db.SaveChangesAsync();
        }
        a.Services.GetRequiredService<WorkSignal<FulfillmentRecord>>().Pulse();
        b.Services.GetRequiredService<WorkSignal<FulfillmentRecord>>().Pulse();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await CountFinishedAsync(a) < 500)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {await CountFinishedAsync(a)} of 500 records finished.");
            await Task.Delay(100);
        }

        Assert.Empty(probe.Overlaps);
        Assert.Equal(500, probe.TotalRuns);
        Assert.True(probe.RunsOn("a") > 0 && probe.RunsOn("b") > 0, $"The work was not shared: a ran {probe.RunsOn("a")}, b ran {probe.RunsOn("b")}.");
    }

    private static async Task<int> CountFinishedAsync(VozexAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<FulfillmentRecord>()
            .CountAsync(r => r.Status == FulfillmentStatus.Active || r.Status == FulfillmentStatus.Completed);
    }
}
