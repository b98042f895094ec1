using Vozex.Web.Platform.Jobs;

namespace Vozex.UnitTests.Platform;

public sealed class BackoffTests
{
    [Fact]
    public void Delays_grow_exponentially_within_jitter_and_are_capped()
    {
        var random = new Random(42);
        var baseDelay = TimeSpan.FromSeconds(5);
        var max = TimeSpan.FromMinutes(10);
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var ceiling = Math.Min(max.TotalSeconds, 5 * Math.Pow(2, attempt - 1));
            var delay = Backoff.Delay(attempt, baseDelay, max, random).TotalSeconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void Jitter_spreads_retries_of_the_same_attempt()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 50).Select(_ => Backoff.Delay(4, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), random)).Distinct().Count();
        Assert.True(delays > 40);
    }
}
