using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Platform.Security;

/// <summary>Names of the rate-limit policies endpoints and pages opt into with <c>RequireRateLimiting</c> / <c>[EnableRateLimiting]</c>.</summary>
public static class RateLimitPolicies
{
    /// <summary>Sign-in and other credential forms, per client IP (Vozex:Accounts:LoginRateLimitPerMinute).</summary>
    public const string SignIn = "sign-in";
}

public static class RateLimiting
{
    /// <summary>
    /// The rate limiter with one rejection behaviour for everyone: 429 with Retry-After, a problem document
    /// on API paths and a short page elsewhere. Modules add their policies with <c>AddRateLimiter(o =&gt; o.AddPolicy(...))</c>.
    /// </summary>
    public static IServiceCollection AddPlatformRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
        });

    /// <summary>The client's address as the partition key; behind a proxy, configure forwarded headers so it is the real client.</summary>
    public static string ClientPartition(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        const string detail = "Too many attempts from your network. Wait a minute and try again.";
        if (http.Request.IsApiRequest())
        {
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too Many Requests", Detail = detail },
            });
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many attempts · VOZEX</title>"
            + "<link rel=\"stylesheet\" href=\"/app.css\"></head><body><main class=\"container\"><section class=\"empty-state\">"
            + $"<h1>Too many attempts</h1><p>{detail}</p><p><a class=\"button\" href=\"/\">Back to the store</a></p>"
            + "</section></main></body></html>", cancellationToken);
    }
}
