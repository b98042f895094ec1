using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Vozex.Web.Platform.Telemetry;

public static class TelemetrySetup
{
    /// <summary>Every module's meter starts with this, so one wildcard collects them all.</summary>
    public const string MeterPrefix = "Vozex.";

    /// <summary>
    /// Metrics and traces through OpenTelemetry: the app's own meters (fulfilment durations, ...) and ASP.NET Core's.
    /// They leave the process only when an OTLP endpoint is configured (the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>),
    /// so the embedded default needs no collector.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var export = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("vozex"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MeterPrefix + "*").AddAspNetCoreInstrumentation();
                if (export) metrics.AddOtlpExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = RedactSecretPaths);
                if (export) tracing.AddOtlpExporter();
            });
        return builder;
    }

    /// <summary>A download link's path is its credential: traces keep the route, never the token.</summary>
    private static void RedactSecretPaths(System.Diagnostics.Activity activity, HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/download"))
        {
            activity.SetTag("url.path", "/download/{token}");
            activity.SetTag("url.full", null);
        }
    }
}
