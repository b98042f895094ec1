using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

public sealed class StorefrontJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Visitor_goes_from_home_to_a_category_searches_opens_a_product_and_compares_two()
    {
        var page = await fixture.NewPageAsync();

        var home = await new HomePage(page).OpenAsync();
        await Expect(home.Heading).ToHaveTextAsync("Software and services, one checkout");
        await Expect(home.CategoryCards).ToHaveCountAsync(3);

        var catalog = await home.OpenCategoryAsync("Self-Hosted");
        await Expect(catalog.Heading).ToHaveTextAsync("Self-Hosted");
        await Expect(catalog.Products).ToHaveCountAsync(8);

        await catalog.SearchAsync("backup");
        await Expect(catalog.ResultCount).ToContainTextAsync("for “backup”");
        Assert.InRange(await catalog.Products.CountAsync(), 1, 7);
        var name = await catalog.ProductNameAsync(0);

        var product = await catalog.OpenProductAsync(name);
        await Expect(product.Heading).ToHaveTextAsync(name);
        await Expect(product.TypeBadge).ToBeVisibleAsync();
        await Expect(product.GetStarted).ToBeVisibleAsync();
        await Expect(product.PricingOptions.First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("product-page"), FullPage = true });

        await page.GoBackAsync();
        await page.GotoAsync("/products?category=saas_products");
        catalog = new CatalogPage(page);
        var first = await catalog.ProductNameAsync(0);
        var second = await catalog.ProductNameAsync(1);
        await catalog.TickCompareAsync(0);
        await catalog.TickCompareAsync(1);
        var compare = await catalog.CompareSelectedAsync();

        await Expect(compare.ProductColumns).ToHaveCountAsync(2);
        await Expect(compare.ProductColumns.Nth(0)).ToHaveTextAsync(first);
        await Expect(compare.ProductColumns.Nth(1)).ToHaveTextAsync(second);
        Assert.True(await compare.FeatureRows.CountAsync() > 3);
    }

    [Fact]
    public async Task Filters_and_sort_live_in_the_url_so_a_result_page_can_be_bookmarked()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/products?category=services");
        var catalog = new CatalogPage(page);
        await catalog.SortByAsync("Price: low to high");
        Assert.Contains("category=services", page.Url);
        Assert.Contains("sort=price", page.Url);

        var bookmarked = await fixture.NewPageAsync();
        await bookmarked.GotoAsync(page.Url);
        var again = new CatalogPage(bookmarked);
        Assert.Equal(await catalog.ProductNameAsync(0), await again.ProductNameAsync(0));
        await Expect(bookmarked.GetByLabel("Sort by")).ToHaveValueAsync("price");
    }

    [Fact]
    public async Task A_bad_price_range_says_which_field_is_wrong()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/products?min=500&max=10");
        await Expect(page.GetByLabel("Max price ($)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#max-error")).ToContainTextAsync("greater than or equal");
    }

    [Fact]
    public async Task Storefront_works_on_a_phone_sized_screen()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync("/products/sentinelscan");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("SentinelScan");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The product page scrolls sideways on a phone.");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("product-page-mobile"), FullPage = true });
    }

    [Fact]
    public async Task Unknown_product_shows_a_friendly_not_found_page()
    {
        var page = await fixture.NewPageAsync();
        var response = await page.GotoAsync("/products/not-a-real-product");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("not found", RegexOptions.IgnoreCase));
    }
}
