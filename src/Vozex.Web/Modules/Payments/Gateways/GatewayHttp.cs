using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Vozex.Web.Modules.Payments.Health;

namespace Vozex.Web.Modules.Payments.Gateways;

/// <summary>How a gateway's HTTP client retries and times out; the defaults suit production, tests shorten them.</summary>
public abstract class GatewayHttpOptions
{
    /// <summary>One attempt's time limit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First retry delay; later ones back off exponentially with jitter. A Retry-After header wins.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Whether a URL is absolute http(s), for validation.</summary>
    protected static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

internal static class GatewayHttp
{
    /// <summary>Set on a request that may be sent twice without harm (a GET, or a POST the gateway deduplicates).</summary>
    public static readonly HttpRequestOptionsKey<bool> RetrySafe = new("vozex.retry-safe");

    public static HttpRequestMessage MarkRetrySafe(this HttpRequestMessage request)
    {
        request.Options.Set(RetrySafe, true);
        return request;
    }

    /// <summary>
    /// Retries (429, 5xx, timeouts, connection failures) only for requests that are safe to repeat: GETs and requests
    /// marked retry-safe. A POST the gateway does not deduplicate (a Dodo refund) is never resent blindly; its caller
    /// looks the result up first. The telemetry handler sits inside, so every attempt is measured.
    /// </summary>
    public static IHttpClientBuilder AddGatewayResilience(this IHttpClientBuilder builder, string gateway, Func<IServiceProvider, GatewayHttpOptions> options)
    {
        builder.AddResilienceHandler($"{gateway}-pipeline", (pipeline, context) =>
        {
            var o = options(context.ServiceProvider);
            pipeline.AddTimeout(o.AttemptTimeout * (o.MaxRetries + 1) + o.RetryDelay * 8 + TimeSpan.FromSeconds(5));
            if (o.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = o.MaxRetries,
                    Delay = o.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(
                        HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        && args.Context.GetRequestMessage() is { } request
                        && (request.Method == HttpMethod.Get || (request.Options.TryGetValue(RetrySafe, out var safe) && safe))),
                });
            }
            pipeline.AddTimeout(o.AttemptTimeout);
        });
        builder.AddHttpMessageHandler(sp => new GatewayTelemetryHandler(gateway, sp.GetRequiredService<GatewayHealth>()));
        return builder;
    }
}
