using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Vozex.Web.Modules.Accounts.Domain;

namespace Vozex.IntegrationTests.Accounts;

/// <summary>What the account tests do over HTTP, in their own words.</summary>
internal static class AccountsTestClient
{
    public const string Password = "correct-horse-42";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email, string password = Password, string? name = null) =>
        client.PostAsJsonAsync("/api/v1/auth/register", new { email, password, name });

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password = Password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    /// <summary>Registers and signs in; returns the token response.</summary>
    public static async Task<JsonElement> SignUpAndLoginAsync(this HttpClient client, string email, string password = Password, string? name = null)
    {
        var registered = await client.RegisterAsync(email, password, name);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        return await client.LoginOkAsync(email, password);
    }

    public static async Task<JsonElement> LoginOkAsync(this HttpClient client, string email, string password = Password)
    {
        var response = await client.LoginAsync(email, password);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static HttpClient WithBearer(this WebApplicationFactory<Program> app, string accessToken)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static string AccessToken(this JsonElement tokens) => tokens.GetProperty("access_token").GetString()!;

    public static string RefreshToken(this JsonElement tokens) => tokens.GetProperty("refresh_token").GetString()!;

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static async Task<string[]> FieldErrorsAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no '{field}' error in {problem}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }

    /// <summary>Runs something with the app's own Identity services (as an operator's script would).</summary>
    public static async Task<T> WithUsersAsync<T>(this WebApplicationFactory<Program> app, Func<UserManager<VozexUser>, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<VozexUser>>());
    }
}
