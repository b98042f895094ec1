namespace Vozex.Web.Modules.Licensing.Domain;

/// <summary>What the <c>updates</c> option buys (SPEC §7.2): a year of releases from the purchase, or every release.</summary>
internal static class UpdatesPolicy
{
    public const string OneYear = "1_year";
    public const string Lifetime = "lifetime";

    /// <summary>Null means updates never lapse.</summary>
    public static DateTimeOffset? UpdatesUntil(string updates, DateTimeOffset purchasedAt) => updates switch
    {
        Lifetime => null,
        OneYear => purchasedAt.AddYears(1),
        _ => throw new ArgumentOutOfRangeException(nameof(updates), updates, "Unknown updates option."),
    };

    /// <summary>Support plans are sold per year; the first year comes with the purchase.</summary>
    public static DateTimeOffset SupportUntil(DateTimeOffset purchasedAt) => purchasedAt.AddYears(1);

    /// <summary>
    /// A release is the customer's if it was published while their updates were covered; releases from before
    /// a lapse stay downloadable for good.
    /// </summary>
    public static bool Covers(DateTimeOffset? updatesUntil, DateOnly releasedOn) =>
        updatesUntil is not { } until || releasedOn <= DateOnly.FromDateTime(until.UtcDateTime);

    public static bool UpdatesAvailable(DateTimeOffset? updatesUntil, DateTimeOffset now) => updatesUntil is not { } until || until > now;
}
