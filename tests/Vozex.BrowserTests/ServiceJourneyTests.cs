using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using Vozex.Testing;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

/// <summary>A design service bought in the browser, delivered by a provider signed in in a second browser context, accepted and rated.</summary>
public sealed class ServiceJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string ProviderPassword = "provider-horse-42";

    [Fact]
    public async Task A_customer_buys_a_design_package_the_provider_delivers_and_the_customer_accepts_and_rates()
    {
        var providerEmail = $"designer-{Guid.NewGuid():N}@example.com";
        await RegisterTopRatedProviderAsync(providerEmail, "Dana Designer");

        // The customer configures and buys.
        var customer = await fixture.NewPageAsync();
        await new ConfiguratorPage(customer).OpenAsync("brandcraft-logo-identity");
        await customer.GetByRole(AriaRole.Group, new() { Name = "Package" }).GetByRole(AriaRole.Radio, new() { Name = "Brand Identity" }).CheckAsync();
        await customer.GetByLabel("What do you need?").FillAsync("A logo for a bakery called Crumb: warm, round, friendly.");
        await customer.GetByRole(AriaRole.Group, new() { Name = "Timeline" }).GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Standard") }).CheckAsync();
        await new ConfiguratorPage(customer).AddToCartAsync();
        await customer.GetByRole(AriaRole.Link, new() { Name = "New here? Create an account" }).ClickAsync();
        var signUp = new SignUpPage(customer);
        await signUp.FillAsync("Crumb Bakery", $"buyer-{Guid.NewGuid():N}@example.com", "correct-horse-42");
        await signUp.SubmitAsync();
        await customer.WaitForURLAsync("**/cart");
        await customer.Locator("input[name=payment_gateway][value=sandbox]").CheckAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await customer.WaitForURLAsync("**/sandbox/checkout/*");
        await customer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pay ") }).ClickAsync();
        await customer.WaitForURLAsync(new Regex("/orders/[0-9a-f-]{36}$"));
        await Expect(customer.Locator("#order-status")).ToHaveAttributeAsync("data-status", "fulfilled", new() { Timeout = 20_000 });
        var orderNumber = (await customer.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Replace("Order ", "", StringComparison.Ordinal).Trim();

        await customer.GetByRole(AriaRole.Link, new() { Name = "Open" }).ClickAsync();
        var service = new ServiceOrderPage(customer);
        await Expect(service.Status).ToHaveAttributeAsync("data-status", "assigned", new() { Timeout = 20_000 });
        await Expect(service.Provider).ToContainTextAsync("Dana Designer");
        await Expect(customer.Locator(".facts")).ToContainTextAsync("Brand Identity, standard timeline");

        // The provider, in a browser of their own, accepts, starts and delivers.
        var provider = await fixture.NewPageAsync();
        await provider.GotoAsync("/account/login");
        await new SignInPage(provider).SignInAsync(providerEmail, ProviderPassword);
        await provider.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var portal = await new ProviderPortalPage(provider).OpenAsync();
        await portal.Order(orderNumber).ClickAsync();
        await portal.Accept.ClickAsync();
        await portal.Start.ClickAsync();
        await Expect(portal.Status).ToHaveAttributeAsync("data-status", "in_progress");
        await portal.DeliverAsync("Three concepts attached; I recommend the round one.", "crumb-logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>"u8.ToArray());
        await Expect(portal.Status).ToHaveAttributeAsync("data-status", "delivered");
        await provider.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("provider-delivered"), FullPage = true });

        // The customer sees the delivery, accepts it and rates the work.
        await customer.ReloadAsync();
        await Expect(service.Status).ToHaveAttributeAsync("data-status", "delivered");
        await Expect(customer.GetByRole(AriaRole.Link, new() { Name = "📎 crumb-logo.svg" })).ToBeVisibleAsync();
        await service.AcceptDelivery.ClickAsync();
        await Expect(service.Status).ToHaveAttributeAsync("data-status", "completed");
        await service.RateAsync(5);
        await Expect(service.RatingGiven).ToContainTextAsync("5 out of 5");
        await customer.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("service-completed"), FullPage = true });

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var rated = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Provider>().SingleAsync(p => p.Email == providerEmail);
        Assert.Equal((10, 2, 0), (rated.RatingSum, rated.RatingCount, rated.OpenOrders));
    }

    /// <summary>Registers an account, makes it a provider through the admin API, and gives it the best rating so it wins the assignment.</summary>
    private async Task RegisterTopRatedProviderAsync(string email, string name)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseUrl };
        (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = ProviderPassword, name })).EnsureSuccessStatusCode();
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = VozexAppFactory.AdminEmail, password = VozexAppFactory.AdminPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/providers")
        {
            Content = JsonContent.Create(new { email, name, skills = new[] { "branding", "graphic_design" }, capacity = 2 }),
        };
        request.Headers.Authorization = new("Bearer", token);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Provider>().Where(p => p.Email == email)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RatingSum, 5).SetProperty(p => p.RatingCount, 1));
    }
}
