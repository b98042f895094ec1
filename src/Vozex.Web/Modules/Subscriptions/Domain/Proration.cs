namespace Vozex.Web.Modules.Subscriptions.Domain;

/// <summary>When a change takes effect: at once (paid now) or at the end of the current period (nothing to pay now).</summary>
public enum ChangeTiming
{
    Immediate,
    AtPeriodEnd,
}

/// <summary>What a plan, add-on or cycle change costs: due now, what each renewal then costs, and from when it applies.</summary>
public sealed record ChangeQuote(ChangeTiming Timing, long AmountDueNow, long NextRenewalAmount, DateTimeOffset EffectiveAt);

/// <summary>
/// Proration, pure. A change that raises the price within the same billing cycle is an upgrade: it applies at once and
/// costs the price difference for the share of the period that remains (to the second, rounded half away from zero,
/// once). Anything else (a cheaper or equal configuration, or a different cycle) applies when the period ends and costs
/// nothing now: the customer keeps what they paid for until then, and the next renewal charges the new price.
/// </summary>
public static class Proration
{
    public static ChangeQuote Quote(long currentAmount, string currentCycle, long newAmount, string newCycle,
        DateTimeOffset periodStart, DateTimeOffset periodEnd, DateTimeOffset now)
    {
        if (string.Equals(currentCycle, newCycle, StringComparison.Ordinal) && newAmount > currentAmount)
            return new ChangeQuote(ChangeTiming.Immediate, Share(newAmount - currentAmount, periodStart, periodEnd, now), newAmount, now);
        return new ChangeQuote(ChangeTiming.AtPeriodEnd, 0, newAmount, periodEnd);
    }

    /// <summary>
    /// The part of <paramref name="amount"/> that covers the rest of the period after <paramref name="now"/>: the whole
    /// amount at (or before) the start, nothing at (or after) the end. Used for upgrades and for prorated refunds.
    /// </summary>
    public static long Share(long amount, DateTimeOffset periodStart, DateTimeOffset periodEnd, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var total = (long)Math.Floor((periodEnd - periodStart).TotalSeconds);
        if (total <= 0) return 0;
        var remaining = Math.Clamp((long)Math.Floor((periodEnd - now).TotalSeconds), 0, total);
        return (long)decimal.Round(amount * (decimal)remaining / total, MidpointRounding.AwayFromZero);
    }
}
