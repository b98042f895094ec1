using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Vozex.IntegrationTests.Accounts;
using Vozex.IntegrationTests.Checkout;
using Vozex.Testing;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.IntegrationTests.Fulfillment;

/// <summary>The fulfilment engine through the real pipeline, with test-only drivers under the real driver names.</summary>
public abstract class FulfillmentTests : IAsyncLifetime
{
    private static long _nextItemId = 9_000_000 + Random.Shared.Next(1_000_000);

    protected static readonly Dictionary<string, string?> FastSettings = new()
    {
        ["Vozex:Fulfillment:IdlePoll"] = "00:00:00.100",
        ["Vozex:Fulfillment:MaxAttempts"] = "3",
        ["Vozex:Fulfillment:RetryBase"] = "00:01:00",
    };

    protected DriverProbe Probe { get; } = new();
    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    private VozexAppFactory _app = null!;
    private SandboxPurchases _shop = null!;

    /// <summary>Creates the app with <paramref name="settings"/>; runs it on Kestrel when <paramref name="kestrel"/>.</summary>
    protected abstract Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task StartAsync(bool fakeClock, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(FastSettings);
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        _app = (await CreateAppAsync(all)).WithScriptedDrivers(Probe);
        if (fakeClock) _app.WithServices(s => s.AddSingleton<TimeProvider>(Clock));
        _app.UseKestrel(0);
        _app.StartServer();
        _shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);
    }

    private async Task<T> WithDb<T>(Func<MarketplaceDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    private Task<FulfillmentRecord> RecordAsync(long id) =>
        WithDb(db => db.Set<FulfillmentRecord>().AsNoTracking().SingleAsync(r => r.Id == id));

    private async Task<List<long>> InsertRecordsAsync(int count, string driver, Func<int, DateTimeOffset>? paidAt = null, DateTimeOffset? nextAttemptAt = null)
    {
        var now = _app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var records = Enumerable.Range(0, count).Select(i => new FulfillmentRecord
        {
            OrderId = Guid.NewGuid(),
            OrderNumber = "VZX-TEST0-00000",
            OrderItemId = Interlocked.Increment(ref _nextItemId),
            CustomerId = Guid.NewGuid(),
            CustomerEmail = "someone@example.com",
            Driver = driver,
            ProductType = "pos_retail",
            ProductSlug = "test-product",
            ProductName = "Test product",
            PayloadSnapshot = "{}",
            PaidAt = paidAt?.Invoke(i) ?? now,
            CreatedAt = now,
            NextAttemptAt = nextAttemptAt ?? now,
        }).ToList();
        await WithDb(async db =>
        {
            db.AddRange(records);
            return await db.SaveChangesAsync();
        });
        _app.Services.GetRequiredService<WorkSignal<FulfillmentRecord>>().Pulse();
        return records.Select(r => r.Id).ToList();
    }

    private async Task<FulfillmentRecord> WaitForRecordAsync(long id, Func<FulfillmentRecord, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var record = await RecordAsync(id);
            if (condition(record)) return record;
            Assert.True(DateTime.UtcNow < deadline, $"Record {id} never became {what}: {record.Status}, attempts {record.Attempts}, error {record.LastError}.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Paying_creates_one_record_per_item_and_the_drivers_fulfil_the_order()
    {
        await StartAsync(fakeClock: false);
        var customer = await _shop.CustomerAsync();
        var placed = await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.SaasItem(), SandboxPurchases.SelfHostedItem(), SandboxPurchases.ServiceItem());
        await _shop.SubmitAsync(placed, "pay", times: 2);

        var order = await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled");
        var orderId = Guid.Parse(placed.GetProperty("order_id").GetString()!);
        var records = await WithDb(db => db.Set<FulfillmentRecord>().AsNoTracking().Where(r => r.OrderId == orderId).OrderBy(r => r.OrderItemId).ToListAsync());
        Assert.Equal([FulfillmentDrivers.SaasTenantProvisioning, FulfillmentDrivers.SelfHostedLicense, FulfillmentDrivers.ServiceFulfillment],
            records.Select(r => r.Driver));
        Assert.All(records, r => Assert.Equal(1, Probe.Runs(r.Id)));
        Assert.All(records, r => Assert.Equal(order.GetProperty("paid_at").GetDateTimeOffset(), r.PaidAt));

        var items = order.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["active", "active", "completed"], items.Select(i => i.GetProperty("fulfillment").GetProperty("status").GetString()));
        Assert.Equal(records.Select(r => $"effect-{r.Id}"), items.Select(i => i.GetProperty("fulfillment").GetProperty("external_reference_id").GetString()));
        Assert.Equal(records.Select(r => r.Driver), items.Select(i => i.GetProperty("fulfillment").GetProperty("driver").GetString()));
    }

    [Fact]
    public async Task A_payment_whose_fulfilment_records_cannot_be_written_leaves_the_order_unpaid_until_both_commit()
    {
        var failOnce = new FailingScheduler();
        var all = new Dictionary<string, string?>(FastSettings);
        _app = (await CreateAppAsync(all)).WithScriptedDrivers(Probe)
            .WithServices(s =>
            {
                var real = s.Last(d => d.ServiceType == typeof(IFulfillmentScheduler)).ImplementationType!;
                s.AddScoped<IFulfillmentScheduler>(sp => failOnce.Wrap((IFulfillmentScheduler)ActivatorUtilities.CreateInstance(sp, real)));
            });
        _app.UseKestrel(0);
        _app.StartServer();
        _shop = new SandboxPurchases(_app.ClientOptions.BaseAddress);

        var customer = await _shop.CustomerAsync();
        var placed = await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.SelfHostedItem());
        await _shop.SubmitAsync(placed, "pay");

        await failOnce.Failed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var orderId = Guid.Parse(placed.GetProperty("order_id").GetString()!);
        // The webhook's first processing failed while scheduling: neither the payment nor any record committed.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await WithDb(db => db.Set<Vozex.Web.Modules.Payments.Inbox.WebhookInboxEntry>().AnyAsync(e => e.Status == WorkStatus.Retrying)))
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(50);
        }
        Assert.Equal("pending_payment", (await SandboxPurchases.OrderAsync(customer, placed)).GetProperty("status").GetString());
        Assert.Equal(0, await WithDb(db => db.Set<FulfillmentRecord>().CountAsync(r => r.OrderId == orderId)));

        // The inbox retries the webhook; now the payment and its record commit together and the item is fulfilled.
        await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled", seconds: 30);
        Assert.Equal(1, await WithDb(db => db.Set<FulfillmentRecord>().CountAsync(r => r.OrderId == orderId)));
    }

    [Fact]
    public async Task A_failing_driver_is_retried_with_growing_backoff_and_fails_after_the_limit()
    {
        await StartAsync(fakeClock: true);
        Probe.FailNext(FulfillmentDrivers.SelfHostedLicense, 10);
        var id = (await InsertRecordsAsync(1, FulfillmentDrivers.SelfHostedLicense))[0];

        var first = await WaitForRecordAsync(id, r => r is { Status: FulfillmentStatus.Retrying, Attempts: 1, LeaseOwner: null }, "retrying after one attempt");
        var wait1 = first.NextAttemptAt - Clock.GetUtcNow();
        Assert.InRange(wait1, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)); // base 1 min: half fixed, half jitter
        Assert.Contains("told to fail", first.LastError);

        // Not due yet: nothing runs however often the worker looks.
        _app.Services.GetRequiredService<WorkSignal<FulfillmentRecord>>().Pulse();
        await Task.Delay(300);
        Assert.Equal(1, Probe.Runs(id));

        Clock.Advance(wait1 + TimeSpan.FromSeconds(1));
        var second = await WaitForRecordAsync(id, r => r is { Status: FulfillmentStatus.Retrying, Attempts: 2, LeaseOwner: null }, "retrying after two attempts");
        Assert.InRange(second.NextAttemptAt - Clock.GetUtcNow(), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120));

        Clock.Advance(TimeSpan.FromMinutes(3));
        var failed = await WaitForRecordAsync(id, r => r.Status == FulfillmentStatus.Failed, "failed");
        Assert.Equal(3, failed.Attempts);
        Assert.Equal(3, Probe.Runs(id));
        Assert.NotNull(failed.FinishedAt);
        Assert.Null(failed.LeaseOwner);
    }

    [Fact]
    public async Task A_failed_item_makes_the_order_fulfillment_failed_until_an_admin_retry_fulfils_it_and_the_retry_is_audited()
    {
        await StartAsync(fakeClock: false, new Dictionary<string, string?> { ["Vozex:Fulfillment:MaxAttempts"] = "1" });
        Probe.FailNext(FulfillmentDrivers.SaasTenantProvisioning, 1);
        var customer = await _shop.CustomerAsync();
        var placed = await SandboxPurchases.CheckoutAsync(customer, SandboxPurchases.SaasItem(), SandboxPurchases.ServiceItem());
        await _shop.SubmitAsync(placed, "pay");
        await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfillment_failed");

        var admin = await _shop.AdminAsync();
        var failed = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/fulfillments?status=failed&order_id={placed.GetProperty("order_id").GetString()}");
        Assert.Equal(1, failed.GetProperty("total").GetInt32());
        var record = failed.GetProperty("items")[0];
        Assert.Equal(FulfillmentDrivers.SaasTenantProvisioning, record.GetProperty("driver").GetString());
        Assert.Contains("told to fail", record.GetProperty("last_error").GetString());

        var id = record.GetProperty("id").GetInt64();
        var retried = await admin.PostAsync($"/api/v1/admin/fulfillments/{id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("retrying", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        await SandboxPurchases.WaitForStatusAsync(customer, placed, "fulfilled");
        Assert.Equal(2, Probe.Runs(id));
        var again = await admin.PostAsync($"/api/v1/admin/fulfillments/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit-log?action=fulfillment.retry&target_id={id}");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(VozexAppFactory.AdminEmail, entry.GetProperty("actor_email").GetString());
        Assert.Equal("fulfillment", entry.GetProperty("target_type").GetString());
    }

    [Fact]
    public async Task Bulk_retry_queues_failed_records_and_reports_each_id()
    {
        await StartAsync(fakeClock: false, new Dictionary<string, string?> { ["Vozex:Fulfillment:MaxAttempts"] = "1" });
        Probe.FailNext(FulfillmentDrivers.SelfHostedLicense, 2);
        var failing = await InsertRecordsAsync(2, FulfillmentDrivers.SelfHostedLicense);
        foreach (var id in failing) await WaitForRecordAsync(id, r => r.Status == FulfillmentStatus.Failed, "failed");
        var done = (await InsertRecordsAsync(1, FulfillmentDrivers.ServiceFulfillment))[0];
        await WaitForRecordAsync(done, r => r.Status == FulfillmentStatus.Completed, "completed");

        var admin = await _shop.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/fulfillments/retry", new { ids = new[] { failing[0], failing[1], done, 424242424242L } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("queued").GetInt32());
        var outcomes = result.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetInt64(), r => r.GetProperty("outcome").GetString());
        Assert.Equal("queued", outcomes[failing[0]]);
        Assert.Equal("queued", outcomes[failing[1]]);
        Assert.Equal("not_retryable", outcomes[done]);
        Assert.Equal("not_found", outcomes[424242424242L]);

        foreach (var id in failing) await WaitForRecordAsync(id, r => r.Status == FulfillmentStatus.Active, "active");
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit-log?action=fulfillment.retry");
        Assert.Equal(2, audit.GetProperty("total").GetInt32());

        var empty = await admin.PostAsJsonAsync("/api/v1/admin/fulfillments/retry", new { ids = Array.Empty<long>() });
        Assert.Contains("ids", (await empty.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_admin_list_filters_and_validates_and_is_for_admins_only()
    {
        await StartAsync(fakeClock: false);
        await InsertRecordsAsync(2, FulfillmentDrivers.ServiceFulfillment);
        var licenses = await InsertRecordsAsync(1, FulfillmentDrivers.SelfHostedLicense);
        await WaitForRecordAsync(licenses[0], r => r.Status == FulfillmentStatus.Active, "active");

        var admin = await _shop.AdminAsync();
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/fulfillments?driver=self_hosted_license&page_size=10");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(licenses[0], list.GetProperty("items")[0].GetProperty("id").GetInt64());

        var bad = await admin.GetAsync("/api/v1/admin/fulfillments?status=sleeping&driver=teleport");
        var problem = await bad.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("driver", out _));

        var customer = await _shop.CustomerAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/fulfillments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsync($"/api/v1/admin/fulfillments/{licenses[0]}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _shop.NewClient().GetAsync("/api/v1/admin/fulfillments")).StatusCode);

        var counts = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/fulfillments/counts");
        Assert.Equal(1, counts.GetProperty("by_driver").GetProperty("self_hosted_license").GetProperty("active").GetInt32());
    }

    [Fact]
    public async Task A_lease_held_by_a_stopped_worker_is_taken_over_once_it_expires()
    {
        await StartAsync(fakeClock: true);
        var id = (await InsertRecordsAsync(1, FulfillmentDrivers.SelfHostedLicense, _ => Clock.GetUtcNow()))[0];
        await WaitForRecordAsync(id, r => r.Status == FulfillmentStatus.Active, "active");

        // A record a killed node was running: processing, leased for another 10 s.
        var now = Clock.GetUtcNow();
        var stuck = await InsertHeldAsync(FulfillmentDrivers.SelfHostedLicense, "dead-node/1", now + TimeSpan.FromSeconds(10));

        var runner = _app.Services.GetRequiredService<LeaseRunner<FulfillmentRecord>>();
        Assert.Equal(0, await runner.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, Probe.Runs(stuck));

        Clock.Advance(TimeSpan.FromSeconds(11));
        _app.Services.GetRequiredService<WorkSignal<FulfillmentRecord>>().Pulse();
        var taken = await WaitForRecordAsync(stuck, r => r.Status == FulfillmentStatus.Active, "active");
        Assert.Equal(1, Probe.Runs(stuck));
        Assert.Equal(2, taken.Attempts); // the killed node's attempt counts
        Assert.Null(taken.LeaseOwner);
    }

    [Fact]
    public async Task A_record_that_never_finishes_does_not_hold_back_records_that_arrive_after_it()
    {
        await StartAsync(fakeClock: false);
        Probe.Hang = true;
        var stuck = (await InsertRecordsAsync(1, FulfillmentDrivers.SelfHostedLicense))[0];
        await WaitForRecordAsync(stuck, r => r.Status == FulfillmentStatus.Processing && Probe.Runs(stuck) == 1, "running");
        Probe.Hang = false;

        // One after another, each while the first still runs: a free slot takes new work without waiting for it.
        for (var i = 0; i < 3; i++)
        {
            var later = (await InsertRecordsAsync(1, FulfillmentDrivers.SelfHostedLicense))[0];
            await WaitForRecordAsync(later, r => r.Status == FulfillmentStatus.Active, "active while an earlier record hangs");
        }

        var first = await RecordAsync(stuck);
        Assert.Equal(FulfillmentStatus.Processing, first.Status);
        Assert.NotNull(first.LeaseOwner);
        Assert.Equal(1, Probe.Runs(stuck));
        Assert.Empty(Probe.Overlaps);
    }

    private async Task<long> InsertHeldAsync(string driver, string owner, DateTimeOffset leaseExpiresAt)
    {
        // Inserted not yet due, so no worker claims it before it is made to look held by a dead node.
        var id = (await InsertRecordsAsync(1, driver, nextAttemptAt: Clock.GetUtcNow().AddDays(1)))[0];
        await WithDb(db => db.Set<FulfillmentRecord>().Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.NextAttemptAt, Clock.GetUtcNow())
            .SetProperty(r => r.Status, FulfillmentStatus.Processing)
            .SetProperty(r => r.Attempts, 1)
            .SetProperty(r => r.LeaseOwner, owner)
            .SetProperty(r => r.LeaseExpiresAt, leaseExpiresAt)));
        return id;
    }

    [Fact]
    public async Task Fulfilled_records_report_paid_to_fulfilled_time_per_driver_as_a_histogram_and_percentiles()
    {
        await StartAsync(fakeClock: true);
        using var collector = new MetricCollector<double>(_app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            "Vozex.Fulfillment", "vozex.fulfillment.duration");
        var now = Clock.GetUtcNow();
        Probe.Hang = false;
        var ids = await InsertRecordsAsync(20, FulfillmentDrivers.SaasTenantProvisioning, i => now - TimeSpan.FromSeconds(i + 1));
        foreach (var id in ids) await WaitForRecordAsync(id, r => r.Status == FulfillmentStatus.Active, "active");

        var measured = collector.GetMeasurementSnapshot();
        Assert.Equal(20, measured.Count);
        Assert.All(measured, m => Assert.Equal(FulfillmentDrivers.SaasTenantProvisioning, m.Tags["driver"]));
        Assert.Equal(Enumerable.Range(1, 20).Select(s => (double)s), measured.Select(m => Math.Round(m.Value, 3)).Order()); // the databases keep microseconds at most

        var admin = await _shop.AdminAsync();
        var timings = await admin.GetFromJsonAsync<JsonElement>(
            $"/api/v1/admin/fulfillments/timings?from={Uri.EscapeDataString(now.AddMinutes(-1).ToString("O"))}&to={Uri.EscapeDataString(now.AddMinutes(1).ToString("O"))}");
        var saas = timings.GetProperty(FulfillmentDrivers.SaasTenantProvisioning);
        Assert.Equal(20, saas.GetProperty("count").GetInt32());
        Assert.Equal(10_000, saas.GetProperty("p50_ms").GetInt64());
        Assert.Equal(19_000, saas.GetProperty("p95_ms").GetInt64());
        Assert.False(timings.TryGetProperty(FulfillmentDrivers.ServiceFulfillment, out _));
    }

    private sealed class FailingScheduler
    {
        private int _failures = 1;
        public TaskCompletionSource Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IFulfillmentScheduler Wrap(IFulfillmentScheduler inner) => new Scheduler(this, inner);

        private sealed class Scheduler(FailingScheduler owner, IFulfillmentScheduler inner) : IFulfillmentScheduler
        {
            public async Task ScheduleAsync(FulfillmentRequest request, CancellationToken cancellationToken)
            {
                await inner.ScheduleAsync(request, cancellationToken);
                if (Interlocked.Decrement(ref owner._failures) >= 0)
                {
                    owner.Failed.TrySetResult();
                    throw new IOException("The database went away while the payment was being applied.");
                }
            }
        }
    }
}

public sealed class SqliteFulfillmentTests : FulfillmentTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => Task.FromResult(VozexAppFactory.Sqlite(settings));
}

[Collection("postgres")]
public sealed class PostgresFulfillmentTests(PostgresCluster cluster) : FulfillmentTests
{
    protected override Task<VozexAppFactory> CreateAppAsync(IDictionary<string, string?> settings) => cluster.NewAppAsync(settings);
}
