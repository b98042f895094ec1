using Microsoft.Extensions.Time.Testing;
using Vozex.Web.Modules.Payments.Health;

namespace Vozex.UnitTests.Payments;

public sealed class GatewayHealthTests
{
    [Fact]
    public void Success_rate_percentiles_and_last_error_follow_the_recorded_calls()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-29T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var health = new GatewayHealth(time);
        for (var ms = 1; ms <= 100; ms++) health.RecordCall("paypal", success: true, TimeSpan.FromMilliseconds(ms), null);

        var healthy = health.Snapshot("paypal", configured: true);
        Assert.Equal(1.0, healthy.SuccessRate);
        Assert.Equal(50, healthy.LatencyMs.P50);
        Assert.Equal(95, healthy.LatencyMs.P95);
        Assert.False(GatewayHealth.IsFailing(healthy, health.RecentOutcomes("paypal")));

        time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 5; i++) health.RecordCall("paypal", success: false, TimeSpan.FromMilliseconds(1000), "POST /v2/checkout/orders answered 500");
        health.RecordWebhookRejected("paypal", "verification failed");

        var failing = health.Snapshot("paypal", configured: true);
        Assert.Equal(100.0 / 105, failing.SuccessRate!.Value, 3);
        Assert.Equal(5, failing.RecentFailures);
        Assert.Equal("POST /v2/checkout/orders answered 500", failing.LastError);
        Assert.Equal(time.GetUtcNow(), failing.LastErrorAt);
        Assert.Equal(1, failing.WebhookVerificationFailures);
        Assert.True(GatewayHealth.IsFailing(failing, health.RecentOutcomes("paypal")));
        Assert.False(GatewayHealth.IsFailing(failing with { Configured = false }, health.RecentOutcomes("paypal")));
    }

    [Fact]
    public void A_gateway_never_called_has_no_rate_and_no_latency()
    {
        var snapshot = new GatewayHealth(TimeProvider.System).Snapshot("dodo_payments", configured: false);
        Assert.Null(snapshot.SuccessRate);
        Assert.Null(snapshot.LatencyMs.P50);
        Assert.Equal(0, snapshot.RecentCalls);
    }
}
