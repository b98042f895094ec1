using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace Vozex.Web.Platform.Http;

public static class HttpPlatform
{
    public static readonly JsonNamingPolicy NamingPolicy = JsonNamingPolicy.SnakeCaseLower;

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = NamingPolicy;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(NamingPolicy));
    }

    /// <summary>snake_case JSON and RFC 9457 problem documents for every error the API can produce.</summary>
    public static IServiceCollection AddHttpPlatform(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // After an exception the request has been re-pointed at the error page; report the path the client called.
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions.TryAdd("trace_id", ctx.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    /// <summary>An unknown path under /api is a 404 problem, not the storefront's HTML "not found" page.</summary>
    public static IEndpointRouteBuilder MapApiFallback(this IEndpointRouteBuilder app)
    {
        app.MapFallback("/api/{**path}", () => TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Not Found",
                detail: "No API endpoint matches this path. The OpenAPI document at /openapi/v1.json lists them all."))
            .ExcludeFromDescription();
        return app;
    }

    public static bool IsApiRequest(this HttpRequest request) => IsApiPath(request.Path);

    /// <summary>Machine-facing paths answer errors with problem documents; everything else is a page.</summary>
    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/webhooks") || path.StartsWithSegments("/health")
        || path.StartsWithSegments("/licenses") || path.StartsWithSegments("/download");

    /// <summary>
    /// Gives bodiless API error responses (405, 401, ...) a problem document. It sits inside the page
    /// status-code middleware, so by the time that looks, an API response already has a body.
    /// </summary>
    public static IApplicationBuilder UseApiStatusProblems(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null
            && string.IsNullOrEmpty(response.ContentType) && context.Request.IsApiRequest())
        {
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = response.StatusCode } });
        }
    });
}

/// <summary>
/// Malformed JSON and wrong types surface as <see cref="BadHttpRequestException"/>; they are the client's
/// fault (400). Anything else is a 500 whose details stay in the log, not in the response, outside Development.
/// </summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problemDetails,
    IHostEnvironment environment,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string title;
        string? detail;
        // By now the middleware has re-pointed the request at the error page; decide on the path the client asked for.
        var path = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path;
        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            title = "Bad Request";
            detail = DescribeBadRequest(bad);
        }
        else if (exception is ServiceUnavailableException unavailable)
        {
            status = StatusCodes.Status503ServiceUnavailable;
            title = unavailable.Title;
            detail = unavailable.Message;
            httpContext.Response.Headers.RetryAfter = ((int)unavailable.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            LogUnavailable(logger, exception, httpContext.Request.Method, path);
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            title = "An unexpected error occurred";
            detail = environment.IsDevelopment() ? exception.ToString() : "The error has been logged. Please try again later.";
            LogUnhandled(logger, exception, httpContext.Request.Method, path);
        }

        if (!HttpPlatform.IsApiPath(path) && status >= 500)
            return false; // pages fall through to the HTML error page

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static string DescribeBadRequest(BadHttpRequestException exception) =>
        exception.InnerException is JsonException json
            ? $"The request body is not valid JSON for this endpoint: {json.Message}"
            : exception.Message;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A service {Method} {Path} depends on did not answer")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
