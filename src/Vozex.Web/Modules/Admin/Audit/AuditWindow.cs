using System.Globalization;

namespace Vozex.Web.Modules.Admin.Audit;

/// <summary>
/// The optional date filter of the audit log: a date (YYYY-MM-DD) is a whole UTC day and <c>to</c> includes it; an ISO
/// 8601 instant is taken as it is (<c>to</c> exclusive). Either end may be left open.
/// </summary>
internal readonly record struct AuditWindow(DateTimeOffset? Start, DateTimeOffset? End)
{
    public static AuditWindow Read(string? from, string? to, Dictionary<string, string[]> errors)
    {
        var window = new AuditWindow(Parse(from, "from", isEnd: false, errors), Parse(to, "to", isEnd: true, errors));
        if (window is { Start: { } s, End: { } e } && e <= s && !errors.ContainsKey("to")) errors["to"] = ["Must not be before from."];
        return window;
    }

    private static DateTimeOffset? Parse(string? value, string name, bool isEnd, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset((isEnd ? day.AddDays(1) : day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (text.Length > 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            return instant;
        errors[name] = ["Must be a date (YYYY-MM-DD) or an ISO 8601 time."];
        return null;
    }
}
