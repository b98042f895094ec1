using Microsoft.Playwright;

namespace Vozex.BrowserTests.Pages;

/// <summary>The SaaS tab of the customer dashboard: one card per instance.</summary>
public sealed class DashboardTenantsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Instances => page.GetByRole(AriaRole.List, new() { Name = "Your SaaS instances" }).GetByRole(AriaRole.Listitem);
    public ILocator EmptyState => page.Locator(".empty-state");

    public async Task<DashboardTenantsPage> OpenAsync()
    {
        await page.GotoAsync("/account/tenants");
        return this;
    }

    /// <summary>The card of the instance at <paramref name="domain"/>.</summary>
    public ILocator Instance(string domain) => Instances.Filter(new() { HasText = domain });

    public ILocator Status(string domain) => Instance(domain).Locator(".tenant-status");
    public ILocator Plan(string domain) => Instance(domain).Locator(".tenant-plan");
    public ILocator OpenAdmin(string domain) => Instance(domain).GetByRole(AriaRole.Button, new() { Name = "Open admin" });
    public ILocator ShowCredentials(string domain) => Instance(domain).GetByRole(AriaRole.Button, new() { Name = "Show the temporary credentials" });
    public ILocator Password(string domain) => Instance(domain).Locator(".tenant-password");
    public ILocator GetSupport(string domain) => Instance(domain).GetByRole(AriaRole.Link, new() { Name = "Get support" });

    /// <summary>Reloads until the instance is listed (provisioning runs right after the payment, so it may trail the order page).</summary>
    public async Task WaitForInstanceAsync(string domain, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (await Instance(domain).CountAsync() == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{domain} never appeared on the SaaS tab.");
            await Task.Delay(250);
            await page.ReloadAsync();
        }
    }
}

/// <summary>The tenant's own admin console on its host (<c>http://&lt;sub&gt;.localhost:&lt;port&gt;/admin</c>).</summary>
public sealed class TenantConsolePage(IPage page)
{
    public ILocator Plan => page.Locator("[data-plan]");
    public ILocator StarterData(string kind) => page.Locator($"[data-kind='{kind}']");
}
