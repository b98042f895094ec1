using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vozex.Testing;

namespace Vozex.IntegrationTests.Catalog;

/// <summary>The catalog API contract, run once per database provider against the seeded demo catalog.</summary>
public abstract class CatalogApiTests
{
    protected abstract VozexAppFactory App { get; }

    private HttpClient Client => App.CreateClient();

    private async Task<JsonElement> GetJson(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> GetProblem(string url, HttpStatusCode status)
    {
        var response = await Client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Product_types_lists_the_sixteen_types_in_snake_case()
    {
        var types = Items(await GetJson("/api/v1/product-types"));
        Assert.Equal(16, types.Count);
        var salon = types.Single(t => t.GetProperty("id").GetString() == "salon_spa");
        Assert.Equal("Salon & Spa", salon.GetProperty("name").GetString());
        Assert.Equal("saas", salon.GetProperty("delivery_model").GetString());
        Assert.Equal("saas_products", salon.GetProperty("category").GetString());
        Assert.NotEmpty(salon.GetProperty("features").EnumerateArray());
    }

    [Fact]
    public async Task Categories_list_three_with_their_types()
    {
        var categories = Items(await GetJson("/api/v1/categories"));
        Assert.Equal(["saas_products", "self_hosted", "services"], categories.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(8, categories[0].GetProperty("product_types").GetArrayLength());
    }

    [Fact]
    public async Task Products_page_reports_total_and_every_type_has_seeded_products()
    {
        var page = await GetJson("/api/v1/products?page_size=100");
        Assert.True(page.GetProperty("total").GetInt32() >= 32);
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(100, page.GetProperty("page_size").GetInt32());
        var byType = Items(page).GroupBy(p => p.GetProperty("product_type").GetString()).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(16, byType.Count);
        Assert.All(byType.Values, count => Assert.True(count >= 2));
        var first = Items(page)[0];
        Assert.Equal(JsonValueKind.Number, first.GetProperty("from_price").GetProperty("amount").ValueKind);
        Assert.Equal("USD", first.GetProperty("from_price").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Category_filter_returns_only_that_category()
    {
        var items = Items(await GetJson("/api/v1/products?category=services&page_size=100"));
        Assert.Equal(9, items.Count);
        Assert.All(items, p => Assert.Equal("service", p.GetProperty("delivery_model").GetString()));
    }

    [Fact]
    public async Task Type_filter_returns_only_that_type()
    {
        var items = Items(await GetJson("/api/v1/products?type=gym_management"));
        Assert.Equal(2, items.Count);
        Assert.All(items, p => Assert.Equal("gym_management", p.GetProperty("product_type").GetString()));
        Assert.All(items, p => Assert.Equal("monthly", p.GetProperty("billing_cycle").GetString()));
    }

    [Fact]
    public async Task Price_range_filters_on_from_price_in_minor_units()
    {
        var all = Items(await GetJson("/api/v1/products?page_size=100")).Select(p => p.GetProperty("from_price").GetProperty("amount").GetInt64()).ToList();
        var min = all.Order().ElementAt(5);
        var max = all.Order().ElementAt(20);
        var items = Items(await GetJson($"/api/v1/products?min_price={min}&max_price={max}&page_size=100"));
        Assert.Equal(all.Count(a => a >= min && a <= max), items.Count);
        Assert.All(items, p => Assert.InRange(p.GetProperty("from_price").GetProperty("amount").GetInt64(), min, max));
    }

    [Theory]
    [InlineData("price")]
    [InlineData("price_desc")]
    public async Task Price_sorts_order_by_from_price(string sort)
    {
        var prices = Items(await GetJson($"/api/v1/products?sort={sort}&page_size=100"))
            .Select(p => p.GetProperty("from_price").GetProperty("amount").GetInt64()).ToList();
        var expected = sort == "price" ? prices.Order().ToList() : prices.OrderDescending().ToList();
        Assert.Equal(expected, prices);
    }

    [Fact]
    public async Task Newest_sort_puts_the_latest_created_first()
    {
        var slugs = Items(await GetJson("/api/v1/products?sort=newest&page_size=100")).Select(p => p.GetProperty("slug").GetString()!).ToList();
        var created = new List<DateTimeOffset>();
        foreach (var slug in slugs.Take(5))
            created.Add((await GetJson($"/api/v1/products/{slug}")).GetProperty("created_at").GetDateTimeOffset());
        Assert.Equal(created.OrderDescending(), created);
    }

    [Fact]
    public async Task Popularity_sort_is_descending_by_popularity()
    {
        var byPopularity = Items(await GetJson("/api/v1/products?sort=popularity&page_size=100")).Select(p => p.GetProperty("slug").GetString()).ToList();
        var byPrice = Items(await GetJson("/api/v1/products?sort=price&page_size=100")).Select(p => p.GetProperty("slug").GetString()).ToList();
        Assert.Equal(byPrice.Count, byPopularity.Count);
        Assert.NotEqual(byPrice, byPopularity);
    }

    [Fact]
    public async Task Search_uses_words_of_name_and_description_and_ranks_matches()
    {
        var kitchen = Items(await GetJson("/api/v1/products?q=kitchen"));
        Assert.NotEmpty(kitchen);
        Assert.All(kitchen, p => Assert.Contains("kitchen", (p.GetProperty("name").GetString() + " " + p.GetProperty("description").GetString()).ToLowerInvariant()));

        var prefix = Items(await GetJson("/api/v1/products?q=kitch"));
        Assert.Equal(kitchen.Count, prefix.Count);

        Assert.Empty(Items(await GetJson("/api/v1/products?q=zzzyxwvnothing")));
    }

    [Fact]
    public async Task Search_text_with_query_syntax_is_treated_as_words()
    {
        var items = Items(await GetJson("/api/v1/products?q=" + Uri.EscapeDataString("kitchen\" OR * & | !:")));
        Assert.NotNull(items);
    }

    [Fact]
    public async Task Search_combines_with_category_filter_and_total()
    {
        var page = await GetJson("/api/v1/products?q=kitchen&category=services");
        Assert.Equal(Items(page).Count, page.GetProperty("total").GetInt32());
        Assert.All(Items(page), p => Assert.Equal("services", p.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task Paging_splits_the_list_without_overlap()
    {
        var page1 = await GetJson("/api/v1/products?sort=price&page_size=10&page=1");
        var page2 = await GetJson("/api/v1/products?sort=price&page_size=10&page=2");
        var slugs1 = Items(page1).Select(p => p.GetProperty("slug").GetString()).ToList();
        var slugs2 = Items(page2).Select(p => p.GetProperty("slug").GetString()).ToList();
        Assert.Equal(10, slugs1.Count);
        Assert.Equal(10, slugs2.Count);
        Assert.Empty(slugs1.Intersect(slugs2));
        Assert.Equal(page1.GetProperty("total").GetInt32(), page2.GetProperty("total").GetInt32());
        Assert.Equal(2, page2.GetProperty("page").GetInt32());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page_size=500", "page_size")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("min_price=abc", "min_price")]
    [InlineData("min_price=900&max_price=100", "max_price")]
    [InlineData("category=games", "category")]
    [InlineData("type=teleporter", "type")]
    public async Task Bad_list_parameters_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        var problem = await GetProblem($"/api/v1/products?{query}", HttpStatusCode.BadRequest);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Saas_product_detail_has_plans_add_ons_and_cycles_only()
    {
        var slug = Items(await GetJson("/api/v1/products?type=hotel_management"))[0].GetProperty("slug").GetString();
        var product = await GetJson($"/api/v1/products/{slug}");
        Assert.Equal("saas", product.GetProperty("delivery_model").GetString());
        var plans = product.GetProperty("pricing_plans").EnumerateArray().ToList();
        Assert.NotEmpty(plans);
        Assert.True(plans[0].GetProperty("limits").EnumerateObject().Any());
        Assert.NotEmpty(product.GetProperty("available_features").EnumerateArray());
        Assert.Contains(product.GetProperty("billing_cycles").EnumerateArray(), c => c.GetProperty("id").GetString() == "annual");
        Assert.False(product.TryGetProperty("license_types", out _));
        Assert.False(product.TryGetProperty("service_packages", out _));
        var cheapestPlan = plans.Min(p => p.GetProperty("monthly_price").GetProperty("amount").GetInt64());
        Assert.Equal(product.GetProperty("base_price").GetProperty("amount").GetInt64() + cheapestPlan,
            product.GetProperty("from_price").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task Self_hosted_product_detail_has_licenses_support_updates_and_release_files()
    {
        var slug = Items(await GetJson("/api/v1/products?type=security_tools"))[0].GetProperty("slug").GetString();
        var product = await GetJson($"/api/v1/products/{slug}");
        Assert.All(product.GetProperty("license_types").EnumerateArray(), l => Assert.True(l.GetProperty("max_activations").GetInt32() >= 1));
        Assert.Equal(["basic", "priority"], product.GetProperty("support_plans").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(["1_year", "lifetime"], product.GetProperty("update_options").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var file = product.GetProperty("releases")[0].GetProperty("files")[0];
        Assert.Matches("^[0-9a-f]{64}$", file.GetProperty("sha256").GetString());
        Assert.True(file.GetProperty("size").GetInt64() > 0);
        Assert.False(file.TryGetProperty("storage_path", out _));
        Assert.False(product.TryGetProperty("pricing_plans", out _));
    }

    [Fact]
    public async Task Release_files_exist_in_the_data_directory_with_the_recorded_hash()
    {
        var slug = Items(await GetJson("/api/v1/products?type=development_tools"))[0].GetProperty("slug").GetString()!;
        var release = (await GetJson($"/api/v1/products/{slug}")).GetProperty("releases")[0];
        var file = release.GetProperty("files")[0];
        var path = Path.Combine(App.DataDirectory, "releases", slug, release.GetProperty("version").GetString()!, file.GetProperty("file_name").GetString()!);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(file.GetProperty("size").GetInt64(), bytes.LongLength);
        Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task Service_product_detail_has_packages_timelines_and_skills()
    {
        var slug = Items(await GetJson("/api/v1/products?type=mobile_development"))[0].GetProperty("slug").GetString();
        var product = await GetJson($"/api/v1/products/{slug}");
        Assert.All(product.GetProperty("service_packages").EnumerateArray(), p => Assert.True(p.GetProperty("duration_days").GetInt32() > 0));
        Assert.Equal([100, 125, 150], product.GetProperty("timelines").EnumerateArray().Select(t => t.GetProperty("price_factor_percent").GetInt32()));
        Assert.NotEmpty(product.GetProperty("required_skills").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, product.GetProperty("billing_cycle").ValueKind);
    }

    [Fact]
    public async Task Unknown_slug_is_a_404_problem()
    {
        var problem = await GetProblem("/api/v1/products/no-such-product", HttpStatusCode.NotFound);
        Assert.Contains("no-such-product", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Compare_returns_products_in_order_with_a_feature_matrix()
    {
        var slugs = Items(await GetJson("/api/v1/products?category=saas_products&page_size=3")).Select(p => p.GetProperty("slug").GetString()).ToList();
        var comparison = await GetJson($"/api/v1/products/compare?slugs={string.Join(',', slugs)}");
        Assert.Equal(slugs, comparison.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()));
        Assert.All(comparison.GetProperty("items").EnumerateArray(), i => Assert.NotEmpty(i.GetProperty("pricing").EnumerateArray()));
        var features = comparison.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.Equal(3, f.GetProperty("included").GetArrayLength()));
    }

    [Fact]
    public async Task Compare_accepts_repeated_slugs_parameters()
    {
        var slugs = Items(await GetJson("/api/v1/products?category=services&page_size=2")).Select(p => p.GetProperty("slug").GetString()).ToList();
        var comparison = await GetJson($"/api/v1/products/compare?slugs={slugs[0]}&slugs={slugs[1]}");
        Assert.Equal(2, comparison.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Compare_of_more_than_four_or_none_is_a_400_naming_slugs()
    {
        var slugs = Items(await GetJson("/api/v1/products?page_size=5")).Select(p => p.GetProperty("slug").GetString());
        var tooMany = await GetProblem($"/api/v1/products/compare?slugs={string.Join(',', slugs)}", HttpStatusCode.BadRequest);
        Assert.True(tooMany.GetProperty("errors").TryGetProperty("slugs", out _));
        await GetProblem("/api/v1/products/compare", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Compare_with_an_unknown_slug_is_a_404_problem()
    {
        var slug = Items(await GetJson("/api/v1/products?page_size=1"))[0].GetProperty("slug").GetString();
        await GetProblem($"/api/v1/products/compare?slugs={slug},missing-one", HttpStatusCode.NotFound);
    }
}
