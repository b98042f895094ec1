using System.Globalization;

namespace Vozex.Web.Modules.Analytics.Contracts;

/// <summary>
/// A reporting window [Start, End) in UTC. Dates (<c>2026-11-01</c>) are whole UTC days and <c>to</c> is inclusive;
/// instants (<c>2026-11-01T12:00:00Z</c>) are taken as they are, <c>to</c> exclusive. Defaults: the last 30 days, today included.
/// </summary>
public readonly record struct ReportWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public const int MaxDays = 400;

    public DateOnly FirstDay => DateOnly.FromDateTime(Start.UtcDateTime);

    /// <summary>The day holding the last instant of the window.</summary>
    public DateOnly LastDay => DateOnly.FromDateTime(End.UtcDateTime.AddTicks(-1));

    public IEnumerable<DateOnly> Days()
    {
        for (var d = FirstDay; d <= LastDay; d = d.AddDays(1)) yield return d;
    }

    public static ReportWindow? Parse(string? from, string? to, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var start = Read(from, "from", isEnd: false, errors) ?? Midnight(today.AddDays(-29));
        var end = Read(to, "to", isEnd: true, errors) ?? Midnight(today.AddDays(1));
        if (errors.Count > 0) return null;
        if (end <= start) { errors["to"] = ["Must not be before from."]; return null; }
        if (end - start > TimeSpan.FromDays(MaxDays)) { errors["to"] = [$"The window is at most {MaxDays} days."]; return null; }
        return new ReportWindow(start, end);
    }

    private static DateTimeOffset? Read(string? value, string name, bool isEnd, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Midnight(isEnd ? day.AddDays(1) : day);
        if (text.Length > 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            && instant.Year is > 1999 and < 3000)
            return instant;
        errors[name] = ["Must be a date (YYYY-MM-DD) or an ISO 8601 time."];
        return null;
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
