using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using Vozex.Web.Modules.Fulfillment.Records;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Platform.Data;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

/// <summary>The customer dashboard in Chromium: a service taken from purchase to a rating on the Services tab, and a declined payment.</summary>
public sealed class DashboardJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_buys_a_service_the_provider_delivers_and_the_customer_accepts_and_rates_it_on_the_services_tab()
    {
        var providerEmail = $"designer-{Guid.NewGuid():N}@example.com";
        await ProviderSetup.RegisterTopRatedAsync(fixture, providerEmail, "Dana Designer");

        var customer = await fixture.NewPageAsync();
        await BuyerFlows.ServiceToCartAsync(customer);
        await BuyerFlows.SignUpFromCartAsync(customer, "Crumb Bakery");
        await BuyerFlows.CheckOutOnSandboxAsync(customer, pay: true);
        var orderNumber = await BuyerFlows.OrderNumberAsync(customer);
        var progress = new OrderProgressPanel(customer);
        await Expect(progress.Item(BuyerFlows.ServiceName)).ToContainTextAsync("Finding a provider… assigned to Dana Designer", new() { Timeout = 20_000 });

        // The dashboard's Services tab shows the order with its provider.
        await new OverviewPage(customer).OpenAsync();
        await new AccountTabs(customer).OpenAsync("Services", "/account/services");
        var services = new ServicesTabPage(customer);
        await Expect(services.Card(BuyerFlows.ServiceName)).ToHaveAttributeAsync("data-status", "assigned");
        await Expect(services.Provider(BuyerFlows.ServiceName)).ToContainTextAsync("Dana Designer");
        await Expect(services.Card(BuyerFlows.ServiceName).GetByRole(AriaRole.List, new() { Name = "Progress" })).ToBeVisibleAsync();

        // The provider, in a browser of their own, accepts, starts and delivers.
        var provider = await fixture.NewPageAsync();
        await provider.GotoAsync("/account/login");
        await new SignInPage(provider).SignInAsync(providerEmail, ProviderSetup.Password);
        await provider.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var portal = await new ProviderPortalPage(provider).OpenAsync();
        await portal.Order(orderNumber).ClickAsync();
        await portal.Accept.ClickAsync();
        await portal.Start.ClickAsync();
        await Expect(portal.Status).ToHaveAttributeAsync("data-status", "in_progress");
        await portal.DeliverAsync("Three concepts attached; I recommend the round one.", "crumb-logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>"u8.ToArray());
        await Expect(portal.Status).ToHaveAttributeAsync("data-status", "delivered");

        // The overview asks the customer to look at the delivery; the Services tab accepts and rates it in place.
        var overview = await new OverviewPage(customer).OpenAsync();
        await Expect(overview.Attention.Filter(new() { HasText = "your delivery is ready" })).ToHaveCountAsync(1);
        await Expect(overview.Count("service-orders")).ToHaveAttributeAsync("data-count", "1");
        await BuyerFlows.ShotAsync(customer, "dashboard-overview-delivery-waiting");
        await overview.Attention.GetByRole(AriaRole.Link).First.ClickAsync();
        await customer.WaitForURLAsync("**/service-orders/*");

        await services.OpenAsync();
        await Expect(services.Card(BuyerFlows.ServiceName)).ToHaveAttributeAsync("data-status", "delivered");
        await Expect(services.LastMessage(BuyerFlows.ServiceName)).ToContainTextAsync("Three concepts attached");
        await BuyerFlows.ShotAsync(customer, "dashboard-services-delivered");
        await services.AcceptDelivery(BuyerFlows.ServiceName).ClickAsync();
        await Expect(services.Notice).ToContainTextAsync("The order is complete");
        await Expect(services.Card(BuyerFlows.ServiceName)).ToHaveAttributeAsync("data-status", "completed");
        await services.RateAsync(BuyerFlows.ServiceName, 5);
        await Expect(services.RatingGiven(BuyerFlows.ServiceName)).ToContainTextAsync("5 out of 5");
        await BuyerFlows.ShotAsync(customer, "dashboard-services-rated");

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var rated = await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Provider>().SingleAsync(p => p.Email == providerEmail);
        Assert.Equal((10, 2, 0), (rated.RatingSum, rated.RatingCount, rated.OpenOrders));
    }

    [Fact]
    public async Task A_declined_payment_says_so_clearly_and_nothing_is_provisioned()
    {
        var page = await fixture.NewPageAsync();
        await BuyerFlows.MixedCartAsync(page, "Declined Dan");
        await BuyerFlows.CheckOutOnSandboxAsync(page, pay: false);
        var orderId = BuyerFlows.OrderIdOf(page);

        var progress = new OrderProgressPanel(page);
        await Expect(progress.Status).ToHaveAttributeAsync("data-status", "payment_failed", new() { Timeout = 20_000 });
        await Expect(progress.Status).ToContainTextAsync("The payment did not go through");
        await Expect(progress.Status).ToContainTextAsync("Nothing was charged and nothing has been set up");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Try paying again" })).ToBeVisibleAsync();
        await Expect(progress.Items).ToHaveCountAsync(0);
        await BuyerFlows.ShotAsync(page, "order-payment-declined");

        var overview = await new OverviewPage(page).OpenAsync();
        await Expect(overview.Count("tenants")).ToHaveAttributeAsync("data-count", "0");
        await Expect(overview.Count("licenses")).ToHaveAttributeAsync("data-count", "0");
        await Expect(overview.Count("service-orders")).ToHaveAttributeAsync("data-count", "0");
        await Expect(overview.Count("orders")).ToContainTextAsync("1 awaiting payment");
        await new AccountTabs(page).OpenAsync("Orders", "/account/orders");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Your orders" }).Locator($"tr[data-order='{orderId}']")).ToHaveAttributeAsync("data-status", "payment_failed");
        await Expect(page.Locator($"tr[data-order='{orderId}']")).ToContainTextAsync("Payment failed");

        // The decline was applied (the page says so), and a declined order schedules no work: nothing to wait for.
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        Assert.False(await db.Set<Tenant>().AnyAsync(t => t.OrderId == orderId));
        Assert.False(await db.Set<License>().AnyAsync(l => l.OrderId == orderId));
        Assert.False(await db.Set<ServiceOrder>().AnyAsync(o => o.OrderId == orderId));
        Assert.False(await db.Set<FulfillmentRecord>().AnyAsync(r => r.OrderId == orderId));
    }
}
