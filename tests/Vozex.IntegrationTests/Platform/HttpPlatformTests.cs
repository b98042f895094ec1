using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vozex.Testing;

namespace Vozex.IntegrationTests.Platform;

public sealed class HttpPlatformTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private HttpClient Client => app.Factory.CreateClient();

    [Fact]
    public async Task Unknown_api_route_is_a_404_problem()
    {
        var response = await Client.GetAsync("/api/v1/does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Unknown_page_is_an_html_not_found_page()
    {
        var response = await Client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_live_and_ready_report_healthy_with_the_database_check()
    {
        var live = await Client.GetFromJsonAsync<JsonElement>("/health/live");
        Assert.Equal("healthy", live.GetProperty("status").GetString());
        var ready = await Client.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_catalog_in_snake_case()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/products", out _));
        Assert.True(paths.TryGetProperty("/api/v1/products/{slug}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/products/compare", out _));
        var summary = document.GetProperty("components").GetProperty("schemas").GetProperty("ProductSummary").GetProperty("properties");
        Assert.True(summary.TryGetProperty("from_price", out _));
        Assert.True(summary.TryGetProperty("delivery_model", out _));
    }

    [Fact]
    public async Task Api_reference_ui_is_served_at_docs()
    {
        var response = await Client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("VOZEX API", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>A broken database makes a real unhandled exception; outside Development its details stay in the log.</summary>
public sealed class UnhandledErrorTests
{
    [Fact]
    public async Task Unhandled_exception_is_a_500_problem_without_a_stack_trace_in_production()
    {
        await using var factory = VozexAppFactory.Sqlite(environment: "Production");
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/products?page_size=1")).StatusCode);

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "vozex.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE catalog_products";
            await drop.ExecuteNonQueryAsync();
        }

        var response = await client.GetAsync("/api/v1/products?page_size=2");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("SqliteException", body);
        Assert.Equal(500, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.Equal("/api/v1/products", JsonDocument.Parse(body).RootElement.GetProperty("instance").GetString());
    }
}
