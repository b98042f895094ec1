using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Modules.Fulfillment.Timings;
using static Vozex.Web.Modules.Fulfillment.Contracts.FulfillmentStatus;

namespace Vozex.UnitTests.Fulfillment;

public sealed class FulfillmentRecordTests
{
    private static readonly DateTimeOffset Paid = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static FulfillmentRecord NewRecord() => new()
    {
        OrderNumber = "VZX-AAAAA-BBBBB",
        CustomerEmail = "ada@example.com",
        Driver = FulfillmentDrivers.SelfHostedLicense,
        ProductType = "security_tools",
        ProductSlug = "sentinelscan",
        ProductName = "SentinelScan",
        PayloadSnapshot = "{}",
        PaidAt = Paid,
        CreatedAt = Paid,
        NextAttemptAt = Paid,
    };

    [Theory]
    [InlineData(Pending, Processing, true)]
    [InlineData(Pending, Active, false)]
    [InlineData(Processing, Processing, true)]
    [InlineData(Processing, Active, true)]
    [InlineData(Processing, Completed, true)]
    [InlineData(Processing, Retrying, true)]
    [InlineData(Processing, Failed, true)]
    [InlineData(Retrying, Processing, true)]
    [InlineData(Retrying, Active, false)]
    [InlineData(Failed, Retrying, true)]
    [InlineData(Failed, Processing, false)]
    [InlineData(Active, Retrying, false)]
    [InlineData(Active, Revoked, true)]
    [InlineData(Completed, Revoked, true)]
    [InlineData(Revoked, Retrying, false)]
    [InlineData(Revoked, Active, false)]
    public void Transitions_follow_issue_4(FulfillmentStatus from, FulfillmentStatus to, bool allowed) =>
        Assert.Equal(allowed, FulfillmentStates.CanTransition(from, to));

    [Fact]
    public void A_run_moves_the_record_to_processing_then_to_the_drivers_result_and_measures_paid_to_fulfilled()
    {
        var record = NewRecord();
        record.Claimed(Paid.AddSeconds(1));
        Assert.Equal(Processing, record.Status);
        Assert.Equal(Paid.AddSeconds(1), record.StartedAt);

        record.Fulfilled(FulfillmentResult.Active("lic_1", "https://example.com"), Paid.AddSeconds(3));
        record.Succeeded(Paid.AddSeconds(3));
        Assert.Equal(Active, record.Status);
        Assert.Equal("lic_1", record.ExternalReferenceId);
        Assert.Equal(TimeSpan.FromSeconds(3), record.Duration);
    }

    [Fact]
    public void Succeeding_without_a_driver_result_is_a_bug_not_a_silent_success()
    {
        var record = NewRecord();
        record.Claimed(Paid);
        Assert.Throws<InvalidOperationException>(() => record.Succeeded(Paid));
    }

    [Fact]
    public void A_driver_cannot_end_a_record_failed_or_revoked()
    {
        var record = NewRecord();
        record.Claimed(Paid);
        Assert.Throws<InvalidOperationException>(() => record.Fulfilled(new FulfillmentResult(Revoked, null, null), Paid));
    }

    [Fact]
    public void An_admin_retry_gives_a_failed_record_fresh_attempts_due_now_but_leaves_done_and_running_records_alone()
    {
        var failed = NewRecord();
        failed.Claimed(Paid);
        failed.Attempts = 8;
        failed.GaveUp(Paid.AddMinutes(5), "boom");
        Assert.Equal(Failed, failed.Status);
        Assert.True(failed.Retry(Paid.AddHours(1)));
        Assert.Equal((Retrying, 0, Paid.AddHours(1)), (failed.Status, failed.Attempts, failed.NextAttemptAt));
        Assert.Null(failed.FinishedAt);

        var running = NewRecord();
        running.Claimed(Paid);
        Assert.False(running.Retry(Paid));

        var done = NewRecord();
        done.Claimed(Paid);
        done.Fulfilled(FulfillmentResult.Completed("so_1"), Paid);
        Assert.False(done.Retry(Paid));
        Assert.True(done.Revoke(Paid));
        Assert.False(done.Revoke(Paid));
    }

    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        long[] sorted = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
        Assert.Equal(500, FulfillmentTimings.Percentile(sorted, 0.50));
        Assert.Equal(1000, FulfillmentTimings.Percentile(sorted, 0.95));
        Assert.Equal(100, FulfillmentTimings.Percentile([100], 0.95));
        Assert.Equal(0, FulfillmentTimings.Percentile([], 0.5));
    }
}
