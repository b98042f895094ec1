using System.Globalization;
using System.Xml.Linq;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vozex.Web.Platform.Web.Charts;

namespace Vozex.UnitTests.Platform;

public sealed class ChartGeometryTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(1, 1)]
    [InlineData(1.2, 2)]
    [InlineData(2, 2)]
    [InlineData(2.3, 2.5)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(10, 10)]
    [InlineData(0.3, 0.5)]
    [InlineData(120, 200)]
    [InlineData(129_600, 200_000)]
    [InlineData(250_000, 250_000)]
    public void NiceCeiling_is_the_smallest_round_number_at_or_above_the_largest_value(double max, double expected) =>
        Assert.Equal(expected, ChartGeometry.NiceCeiling(max), 9);

    [Fact]
    public void NiceCeiling_of_nothing_to_show_is_one() =>
        Assert.Equal(1, ChartGeometry.NiceCeiling(double.NaN));

    [Theory]
    [InlineData(50, 100, 400, 200)]
    [InlineData(100, 100, 400, 400)]
    [InlineData(0, 100, 400, 0)]
    [InlineData(150, 100, 400, 400)]
    [InlineData(-3, 100, 400, 0)]
    [InlineData(5, 0, 400, 0)]
    [InlineData(0.25, 1, 200, 50)]
    public void Scale_maps_a_value_linearly_onto_the_axis_and_clamps_to_it(double value, double max, double length, double expected) =>
        Assert.Equal(expected, ChartGeometry.Scale(value, max, length), 9);

    [Fact]
    public void Ticks_divide_the_axis_into_equal_steps_from_zero_to_the_end() =>
        Assert.Equal([0, 50, 100, 150, 200], ChartGeometry.Ticks(200, 4));

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 4)]
    [InlineData(2.5, 5)]
    [InlineData(5, 5)]
    [InlineData(200_000, 4)]
    [InlineData(0.5, 5)]
    public void Tick_counts_give_round_steps_for_each_nice_axis_end(double niceMax, int expected)
    {
        var count = ChartGeometry.TickCountFor(niceMax);
        Assert.Equal(expected, count);
        // Every step is 1, 2 or 5 times a power of ten.
        var step = niceMax / count;
        var leading = Math.Round(step / Math.Pow(10, Math.Floor(Math.Log10(step))), 9);
        Assert.Contains(leading, new[] { 1.0, 2.0, 5.0 });
    }

    [Fact]
    public void Bands_split_the_length_into_equal_slots_with_centred_bars()
    {
        var bands = Enumerable.Range(0, 4).Select(i => ChartGeometry.Band(i, 4, 60, 400, 0.5)).ToList();
        Assert.Equal([(85.0, 50.0), (185.0, 50.0), (285.0, 50.0), (385.0, 50.0)], bands);
        Assert.Equal((60.0, 0.0), ChartGeometry.Band(0, 0, 60, 400));
    }

    [Theory]
    [InlineData(30, 8, 4)]
    [InlineData(7, 8, 1)]
    [InlineData(8, 8, 1)]
    [InlineData(9, 8, 2)]
    [InlineData(0, 8, 1)]
    public void Label_step_keeps_at_most_the_wanted_number_of_labels(int count, int maxLabels, int expected) =>
        Assert.Equal(expected, ChartGeometry.LabelStep(count, maxLabels));

    [Theory]
    [InlineData(12.345678, "12.35")]
    [InlineData(400, "400")]
    [InlineData(0.006, "0.01")]
    public void Svg_numbers_are_invariant_with_at_most_two_decimals(double value, string expected) =>
        Assert.Equal(expected, ChartGeometry.Svg(value));
}

/// <summary>The chart components rendered to HTML with Blazor's own renderer, then read back as XML.</summary>
public sealed class ChartRenderingTests
{
    private static async Task<XElement> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        // CSS isolation marks elements with a valueless b-xxxx attribute, which XML needs spelled out.
        var xml = System.Text.RegularExpressions.Regex.Replace(html, @"\s(b-[a-z0-9]+)(?=[\s/>])", " $1=\"\"");
        return XElement.Parse(xml.Replace("&#x", "&amp;#x", StringComparison.Ordinal));
    }

    private static IEnumerable<XElement> Bars(XElement root) =>
        root.Descendants().Where(e => e.Name.LocalName == "rect" && ((string?)e.Attribute("class"))?.Contains("bar", StringComparison.Ordinal) == true);

    private static double Number(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Bar_lengths_are_proportional_to_the_values_on_a_round_axis()
    {
        var root = await RenderAsync<BarChart>(new()
        {
            [nameof(BarChart.Id)] = "t",
            [nameof(BarChart.Title)] = "Funnel",
            [nameof(BarChart.Description)] = "Four steps.",
            [nameof(BarChart.Rows)] = new List<ChartRow>
            {
                ChartRow.Single("Catalog views", 40, "40"), ChartRow.Single("Product views", 20, "20"),
                ChartRow.Single("Checkouts", 5, "5"), ChartRow.Single("Paid", 0, "0"),
            },
        });
        Assert.Equal("50", (string?)root.Attribute("data-max"));
        var plot = 640 - 170 - 110;
        var widths = Bars(root).Select(b => Number(b, "width")).ToList();
        Assert.Equal([plot * 40 / 50.0, plot * 20 / 50.0, plot * 5 / 50.0, 0], widths);
        Assert.All(Bars(root), b => Assert.Equal(170, Number(b, "x")));

        var svg = root.Descendants().Single(e => e.Name.LocalName == "svg");
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("Funnel", svg.Elements().Single(e => e.Name.LocalName == "title").Value);
        Assert.Equal("Four steps.", svg.Elements().Single(e => e.Name.LocalName == "desc").Value);
        // The same numbers as a table, for screen readers and for copying.
        var cells = root.Descendants("tbody").Single().Elements("tr").Select(tr => (tr.Element("th")!.Value, tr.Element("td")!.Value)).ToList();
        Assert.Equal([("Catalog views", "40"), ("Product views", "20"), ("Checkouts", "5"), ("Paid", "0")], cells);
    }

    [Fact]
    public async Task A_fixed_axis_end_scales_rates_against_one_and_two_series_draw_two_bars_per_row()
    {
        var root = await RenderAsync<BarChart>(new()
        {
            [nameof(BarChart.Id)] = "t",
            [nameof(BarChart.Title)] = "Timing",
            [nameof(BarChart.Max)] = 1.0,
            [nameof(BarChart.Series)] = new List<string> { "p50", "p95" },
            [nameof(BarChart.Rows)] = new List<ChartRow> { new("Driver", [0.25, 0.75], ["25%", "75%"]) },
        });
        var widths = Bars(root).Select(b => Number(b, "width")).ToList();
        Assert.Equal([90, 270], widths);
        Assert.Equal(["25%", "75%"], root.Descendants("tbody").Single().Descendants("td").Select(td => td.Value));
    }

    [Fact]
    public async Task Columns_rise_from_the_baseline_in_proportion_and_an_empty_chart_says_so()
    {
        var root = await RenderAsync<ColumnChart>(new()
        {
            [nameof(ColumnChart.Id)] = "t",
            [nameof(ColumnChart.Title)] = "Revenue by day",
            [nameof(ColumnChart.Columns)] = new List<ChartColumn> { new("Nov 1", 100, "$1"), new("Nov 2", 0, "$0"), new("Nov 3", 250, "$2.50") },
        });
        Assert.Equal("250", (string?)root.Attribute("data-max"));
        var bars = Bars(root).ToList();
        var plotHeight = 240 - 10 - 28;
        Assert.Equal([plotHeight * 100 / 250.0, 0, plotHeight], bars.Select(b => Number(b, "height")));
        // Every column ends on the same baseline.
        Assert.All(bars, b => Assert.Equal(10 + plotHeight, Number(b, "y") + Number(b, "height"), 2));
        Assert.True(Number(bars[0], "x") < Number(bars[1], "x") && Number(bars[1], "x") < Number(bars[2], "x"));

        var empty = await RenderAsync<ColumnChart>(new()
        {
            [nameof(ColumnChart.Id)] = "e",
            [nameof(ColumnChart.Title)] = "Revenue by day",
            [nameof(ColumnChart.Columns)] = new List<ChartColumn>(),
            [nameof(ColumnChart.EmptyText)] = "Nothing yet.",
        });
        Assert.Empty(Bars(empty));
        Assert.Contains("Nothing yet.", empty.Value, StringComparison.Ordinal);
    }
}
