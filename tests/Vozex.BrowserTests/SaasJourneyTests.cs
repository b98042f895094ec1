using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using Vozex.Testing;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

/// <summary>
/// A SaaS purchase to the running tenant (issue 5): buy on the sandbox, find the instance on the dashboard's SaaS tab,
/// "Open admin", and land signed in on the tenant's own host. The app listens on a port chosen up front, so the tenant
/// links it hands out (<c>Vozex:Tenancy:PublicPort</c>) point at it; Chromium resolves <c>*.localhost</c> to loopback.
/// </summary>
public sealed class SaasJourneyTests : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private VozexAppFactory? _app;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort();
        _app = VozexAppFactory.Sqlite(new Dictionary<string, string?> { ["Vozex:Tenancy:PublicPort"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _app.UseKestrel(_port);
        _app.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_customer_without_instances_sees_the_empty_state_on_the_saas_tab()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app!.ClientOptions.BaseAddress.ToString() });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/register");
        var signUp = new SignUpPage(page);
        await signUp.FillAsync("No Instances Yet", $"empty-{Guid.NewGuid():N}@example.com", "correct-horse-42");
        await signUp.SubmitAsync();
        await Expect(new SiteHeader(page).AccountName).ToHaveTextAsync("No Instances Yet");

        var dashboard = await new DashboardTenantsPage(page).OpenAsync();
        await Expect(dashboard.Heading).ToHaveTextAsync("Your SaaS instances");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" }).GetByRole(AriaRole.Link, new() { Name = "SaaS" }))
            .ToHaveAttributeAsync("aria-current", "page");
        await Expect(dashboard.EmptyState).ToContainTextAsync("No SaaS instances yet");
        await Expect(dashboard.Instances).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("saas-dashboard-empty"), FullPage = true });
    }

    [Fact]
    public async Task A_visitor_buys_a_saas_product_opens_its_admin_from_the_dashboard_and_lands_signed_in_on_the_tenant_host()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app!.ClientOptions.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var subdomain = $"inn{Guid.NewGuid():N}"[..12];
        var domain = $"{subdomain}.localhost";

        var configurator = await new ConfiguratorPage(page).OpenAsync("harborstay-hotel-pms");
        await configurator.Plan("Professional").CheckAsync();
        await configurator.AddOn("Revenue Management").CheckAsync();
        await configurator.AddOn("Guest Messaging").CheckAsync();
        var monthly = await configurator.Total.InnerTextAsync();
        await configurator.BillingCycle("Annual").CheckAsync();
        await Expect(configurator.Total).Not.ToHaveTextAsync(monthly);
        await configurator.Subdomain.FillAsync(subdomain);
        await Expect(configurator.SubdomainStatus).ToContainTextAsync(new Regex("available", RegexOptions.IgnoreCase));
        await configurator.AddToCartAsync();

        await BuyerFlows.SignUpFromCartAsync(page, "Seaside Inns");
        await BuyerFlows.CheckOutOnSandboxAsync(page, pay: true);

        var dashboard = await new DashboardTenantsPage(page).OpenAsync();
        await Expect(dashboard.Heading).ToHaveTextAsync("Your SaaS instances");
        await dashboard.WaitForInstanceAsync(domain);
        await Expect(dashboard.Status(domain)).ToHaveTextAsync("Active");
        await Expect(dashboard.Plan(domain)).ToContainTextAsync("Professional");
        await Expect(dashboard.Instance(domain)).ToContainTextAsync("Revenue Management");
        await Expect(dashboard.GetSupport(domain)).ToBeVisibleAsync();
        await dashboard.ShowCredentials(domain).ClickAsync();
        await Expect(dashboard.Password(domain)).Not.ToBeEmptyAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("saas-dashboard"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await Expect(dashboard.OpenAdmin(domain)).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("saas-dashboard-mobile"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);

        await dashboard.OpenAdmin(domain).ClickAsync();
        await page.WaitForURLAsync($"http://{domain}:{_port}/admin");
        var console = new TenantConsolePage(page);
        await Expect(console.Plan).ToHaveAttributeAsync("data-plan", "professional");
        await Expect(console.StarterData("room")).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("saas-tenant-console"), FullPage = true });
    }
}
