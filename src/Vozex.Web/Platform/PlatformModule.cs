using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Files;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;
using Vozex.Web.Platform.Telemetry;
using Vozex.Web.Platform.Web;

namespace Vozex.Web.Platform;

public static class PlatformModule
{
    /// <summary>Plumbing every module relies on: options, the database, JSON and problem details, OpenAPI, health, pages.</summary>
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<VozexOptions>().BindConfiguration(VozexOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new DataPaths(DataDirectory.Resolve(builder.Configuration, builder.Environment)));
        services.AddSingleton(TimeProvider.System);

        builder.AddMarketplaceDatabase();
        builder.AddTelemetry();
        services.AddSingleton<IPostMigrationStep, SqliteJournalStep>();
        services.AddFileStore();

        services.AddHttpPlatform();
        services.AddDatabaseDataProtection();
        services.AddPlatformRateLimiting();
        // Schemes and policies come from the Accounts module; the middleware below needs the services either way.
        services.AddAuthentication();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "VOZEX API";
            document.Info.Description = "One catalog and one checkout for SaaS subscriptions, self-hosted software and professional services. Amounts are integer minor units.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks()
            .AddDbContextCheck<MarketplaceDbContext>("database", tags: ["ready"]);
        // Static SSR by default; Interactive Server only for islands that must update live (ADR 3).
        services.AddRazorComponents().AddInteractiveServerComponents();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", CreateScopeForErrors = true });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiStatusProblems();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        // After authentication, so the output cache never stores or serves a signed-in request's response,
        // and antiforgery tokens (bound to the signed-in user) are checked against the right user.
        app.UseOutputCache();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapOpenApi().CacheOutput(p => p.Expire(TimeSpan.FromMinutes(5)));
        app.MapScalarApiReference("/docs", o => o.WithTitle("VOZEX API"));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealth });
        app.MapApiFallback();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
                duration_ms = (long)e.Value.Duration.TotalMilliseconds,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
