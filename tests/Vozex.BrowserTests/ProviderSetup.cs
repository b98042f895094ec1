using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vozex.Testing;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.BrowserTests;

/// <summary>Providers for the service journeys, made the way an administrator makes them (the admin API).</summary>
internal static class ProviderSetup
{
    public const string Password = "provider-horse-42";

    /// <summary>Registers an account, makes it a provider with the logo skills, and gives it the best rating so it wins the assignment.</summary>
    public static async Task RegisterTopRatedAsync(BrowserFixture fixture, string email, string name)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseUrl };
        (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, name })).EnsureSuccessStatusCode();
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            // Rated before it joins the pool, so the assignment its creation wakes already prefers it.
            var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = VozexAppFactory.AdminEmail, password = VozexAppFactory.AdminPassword });
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/providers")
            {
                Content = JsonContent.Create(new { email, name, skills = new[] { "branding", "graphic_design" }, capacity = 2, available = false }),
            };
            request.Headers.Authorization = new("Bearer", token);
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
            await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Provider>().Where(p => p.Email == email)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.RatingSum, 5).SetProperty(p => p.RatingCount, 1));
            using var available = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/providers/{await IdAsync(fixture, email)}")
            {
                Content = JsonContent.Create(new { available = true }),
            };
            available.Headers.Authorization = new("Bearer", token);
            (await http.SendAsync(available)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Takes every provider out of the pool, so a paid service order waits for a provider.</summary>
    public static async Task NobodyAvailableAsync(BrowserFixture fixture)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Provider>()
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Available, false));
    }

    private static async Task<Guid> IdAsync(BrowserFixture fixture, string email)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>().Set<Provider>().Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
    }
}
