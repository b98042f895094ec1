using Microsoft.Playwright;

namespace Vozex.BrowserTests.Pages;

/// <summary>/admin/analytics: the date range and the SVG charts with their data tables.</summary>
public sealed class AnalyticsAdminPage(IPage page)
{
    public async Task<AnalyticsAdminPage> OpenAsync()
    {
        await page.GotoAsync("/admin/analytics");
        return this;
    }

    public async Task ShowRangeAsync(string from, string to)
    {
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Date range" });
        await form.GetByLabel("From").FillAsync(from);
        await form.GetByLabel("To").FillAsync(to);
        await form.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
    }

    public ILocator RangeShown => page.Locator("#range-shown");

    public ILocator Chart(string id) => page.Locator($"figure#{id}");

    /// <summary>The chart drawn as an image, found by its accessible name.</summary>
    public ILocator ChartImage(string title) => page.GetByRole(AriaRole.Img, new() { Name = title });

    public ILocator Bars(string id) => Chart(id).Locator("svg rect.bar");

    /// <summary>A value from a chart's data table, by row header.</summary>
    public async Task<string> TableValueAsync(string id, string row)
    {
        var chart = Chart(id);
        if (!await chart.Locator("details").EvaluateAsync<bool>("d => d.open")) await chart.Locator("details > summary").ClickAsync();
        return (await chart.Locator("tbody tr").Filter(new() { Has = page.Locator($"th:text-is(\"{row}\")") }).Locator("td").First.InnerTextAsync()).Trim();
    }
}

/// <summary>/admin/fulfillments: live counts, the records of a status, retry one or many.</summary>
public sealed class FulfillmentMonitorAdminPage(IPage page)
{
    public async Task<FulfillmentMonitorAdminPage> OpenAsync(string? status = null)
    {
        await page.GotoAsync(status is null ? "/admin/fulfillments" : $"/admin/fulfillments?status={status}");
        return this;
    }

    public ILocator Counts => page.Locator("#fulfillment-counts");

    public ILocator FailedCount(string driver) => Counts.Locator($"tr[data-driver='{driver}'] td[data-status='failed']");

    public ILocator Record(long id) => page.Locator($"#fulfillment-records tr[data-record-id='{id}']");

    public async Task RetryAsync(long id) => await Record(id).GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

    public ILocator Report => page.Locator("#bulk-report");

    public ILocator ReportRow(long id) => Report.Locator($"tr[data-record='{id}']");
}
