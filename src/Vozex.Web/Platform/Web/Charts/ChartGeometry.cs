using System.Globalization;

namespace Vozex.Web.Platform.Web.Charts;

/// <summary>The arithmetic behind the SVG charts, kept apart from the markup so it can be tested on its own.</summary>
public static class ChartGeometry
{
    /// <summary>The smallest "round" number (1, 2, 2.5 or 5 times a power of ten) at or above <paramref name="max"/>; 1 for nothing to show.</summary>
    public static double NiceCeiling(double max)
    {
        if (double.IsNaN(max) || double.IsInfinity(max) || max <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        var fraction = max / magnitude;
        // Guards against 3.0000000000000004-style noise pushing an exact round number to the next step.
        fraction = Math.Round(fraction, 9);
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>The length of a bar for <paramref name="value"/> on an axis from 0 to <paramref name="max"/> drawn <paramref name="length"/> long; clamped to the axis.</summary>
    public static double Scale(double value, double max, double length)
    {
        if (max <= 0 || double.IsNaN(value) || value <= 0) return 0;
        return Math.Min(value / max, 1) * length;
    }

    /// <summary>How many steps divide a <see cref="NiceCeiling"/> axis into round steps: 1 → 5 (0.2), 2 → 4 (0.5), 2.5 → 5 (0.5), 5 → 5 (1).</summary>
    public static int TickCountFor(double niceMax)
    {
        if (niceMax <= 0 || double.IsNaN(niceMax) || double.IsInfinity(niceMax)) return 4;
        var leading = Math.Round(niceMax / Math.Pow(10, Math.Floor(Math.Log10(niceMax))), 9);
        return leading == 2 ? 4 : 5;
    }

    /// <summary><paramref name="count"/> equal steps from 0 to <paramref name="max"/>, both ends included.</summary>
    public static IReadOnlyList<double> Ticks(double max, int count)
    {
        count = Math.Max(1, count);
        return Enumerable.Range(0, count + 1).Select(i => max * i / count).ToList();
    }

    /// <summary>Where the bar of item <paramref name="index"/> of <paramref name="count"/> sits in a band of <paramref name="length"/> from <paramref name="start"/>, filling <paramref name="fill"/> of its slot, centred.</summary>
    public static (double Offset, double Width) Band(int index, int count, double start, double length, double fill = 0.7)
    {
        if (count <= 0) return (start, 0);
        var slot = length / count;
        var width = slot * Math.Clamp(fill, 0, 1);
        return (start + slot * index + (slot - width) / 2, width);
    }

    /// <summary>Label every n-th item so that at most <paramref name="maxLabels"/> labels are drawn.</summary>
    public static int LabelStep(int count, int maxLabels) => count <= 0 || maxLabels <= 0 ? 1 : Math.Max(1, (int)Math.Ceiling(count / (double)maxLabels));

    /// <summary>A coordinate as SVG wants it: invariant culture, at most two decimals.</summary>
    public static string Svg(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>One labelled row of a bar chart: a value per series, and the text shown for each.</summary>
public sealed record ChartRow(string Label, IReadOnlyList<double> Values, IReadOnlyList<string> Display)
{
    public static ChartRow Single(string label, double value, string display) => new(label, [value], [display]);
}

/// <summary>One column of a column chart (a day, say).</summary>
public sealed record ChartColumn(string Label, double Value, string Display);
