using System.Globalization;
using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Analytics.Pages;

/// <summary>How the analytics page writes numbers: invariant culture, rates as percentages, money from minor units, durations in the largest sensible unit.</summary>
internal static class ChartFormat
{
    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Count(double value) => value.ToString(value % 1 == 0 ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    public static string Money(double minor, string currency) => new Money((long)Math.Round(minor), currency).Display();

    public static string Duration(double ms) => ms switch
    {
        < 1_000 => $"{ms.ToString("0", CultureInfo.InvariantCulture)} ms",
        < 60_000 => $"{(ms / 1_000).ToString("0.#", CultureInfo.InvariantCulture)} s",
        < 3_600_000 => $"{(ms / 60_000).ToString("0.#", CultureInfo.InvariantCulture)} min",
        _ => $"{(ms / 3_600_000).ToString("0.#", CultureInfo.InvariantCulture)} h",
    };

    public static string Words(string id) => id.Length == 0 ? id : char.ToUpperInvariant(id[0]) + id[1..].Replace('_', ' ');
}
