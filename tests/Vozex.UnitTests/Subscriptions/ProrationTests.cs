using CsCheck;
using Vozex.Web.Modules.Subscriptions.Domain;

namespace Vozex.UnitTests.Subscriptions;

/// <summary>The proration rules: what an upgrade costs now, when other changes apply, and the share behind prorated refunds.</summary>
public sealed class ProrationTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddMonths(1); // 31 days

    private static readonly Gen<(DateTimeOffset Start, DateTimeOffset End)> Periods =
        from start in Gen.Long[0, 4_000_000_000L]
        from seconds in Gen.Long[1, 400L * 24 * 3600]
        select (DateTimeOffset.FromUnixTimeSeconds(start), DateTimeOffset.FromUnixTimeSeconds(start + seconds));

    [Fact]
    public void Upgrade_halfway_through_the_period_costs_half_the_difference()
    {
        var halfway = Start + (End - Start) / 2;
        var quote = Proration.Quote(19_900, "monthly", 44_900, "monthly", Start, End, halfway);
        Assert.Equal(ChangeTiming.Immediate, quote.Timing);
        Assert.Equal(12_500, quote.AmountDueNow);
        Assert.Equal(44_900, quote.NextRenewalAmount);
        Assert.Equal(halfway, quote.EffectiveAt);
    }

    [Fact]
    public void Upgrade_rounds_half_away_from_zero_once()
    {
        // 10 minor units over 4 seconds with 1 second left: 2.5 → 3.
        var start = DateTimeOffset.FromUnixTimeSeconds(1000);
        Assert.Equal(3, Proration.Share(10, start, start.AddSeconds(4), start.AddSeconds(3)));
        Assert.Equal(0, Proration.Share(1, start, start.AddSeconds(4), start.AddSeconds(3))); // 0.25 → 0
    }

    [Fact]
    public void Downgrade_applies_at_period_end_and_costs_nothing_now()
    {
        var quote = Proration.Quote(44_900, "monthly", 9_900, "monthly", Start, End, Start.AddDays(3));
        Assert.Equal(new ChangeQuote(ChangeTiming.AtPeriodEnd, 0, 9_900, End), quote);
    }

    [Fact]
    public void A_cycle_switch_applies_at_period_end_even_when_it_costs_more()
    {
        var quote = Proration.Quote(19_900, "monthly", 191_040, "annual", Start, End, Start.AddDays(3));
        Assert.Equal(new ChangeQuote(ChangeTiming.AtPeriodEnd, 0, 191_040, End), quote);
    }

    [Fact]
    public void Upgrade_due_now_is_never_negative_nor_more_than_the_difference_and_is_the_whole_difference_at_the_start() =>
        Gen.Select(Periods, Gen.Long[0, 10_000_000], Gen.Long[1, 10_000_000], Gen.Double[-0.2, 1.2])
            .Sample((period, current, raise, at) =>
            {
                var now = period.Start + (period.End - period.Start) * at;
                var quote = Proration.Quote(current, "monthly", current + raise, "monthly", period.Start, period.End, now);
                Assert.Equal(ChangeTiming.Immediate, quote.Timing);
                Assert.InRange(quote.AmountDueNow, 0, raise);
                Assert.Equal(raise, Proration.Quote(current, "monthly", current + raise, "monthly", period.Start, period.End, period.Start).AmountDueNow);
                Assert.Equal(0, Proration.Quote(current, "monthly", current + raise, "monthly", period.Start, period.End, period.End).AmountDueNow);
            });

    [Fact]
    public void The_later_the_upgrade_the_less_it_costs_now() =>
        Gen.Select(Periods, Gen.Long[1, 10_000_000], Gen.Double[0, 1], Gen.Double[0, 1])
            .Sample((period, amount, a, b) =>
            {
                var (early, late) = a <= b ? (a, b) : (b, a);
                var span = period.End - period.Start;
                Assert.True(Proration.Share(amount, period.Start, period.End, period.Start + span * early)
                            >= Proration.Share(amount, period.Start, period.End, period.Start + span * late));
            });

    [Fact]
    public void Anything_not_dearer_in_the_same_cycle_waits_for_the_period_end_and_costs_nothing_now() =>
        Gen.Select(Periods, Gen.Long[0, 10_000_000], Gen.Long[0, 10_000_000], Gen.Double[0, 1])
            .Sample((period, current, lower, at) =>
            {
                var next = Math.Min(current, lower);
                var quote = Proration.Quote(current, "annual", next, "annual", period.Start, period.End, period.Start + (period.End - period.Start) * at);
                Assert.Equal(new ChangeQuote(ChangeTiming.AtPeriodEnd, 0, next, period.End), quote);
            });
}
