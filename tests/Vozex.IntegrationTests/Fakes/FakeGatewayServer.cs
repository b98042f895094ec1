using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vozex.IntegrationTests.Fakes;

public enum FaultKind
{
    /// <summary>429 with Retry-After: 1, nothing done.</summary>
    RateLimited,

    /// <summary>500, nothing done.</summary>
    ServerError,

    /// <summary>Never answers (until the client gives up), nothing done.</summary>
    Hang,

    /// <summary>Does the work, then answers 500: the caller cannot tell it happened.</summary>
    ProcessThenServerError,

    /// <summary>Does the work, then never answers.</summary>
    ProcessThenHang,
}

public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? RequestId, string Body);

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, port 0) standing in for a gateway: the app's own typed HttpClients talk to it
/// exactly as to the real API. Every request is recorded; faults queued with <see cref="Inject"/> hit the next matching calls.
/// </summary>
public abstract class FakeGatewayServer : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentQueue<(string Method, string PathPrefix, FaultKind Kind)> _faults = new();
    private readonly CancellationTokenSource _stopping = new();
    protected static readonly HttpClient Webhooks = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string BaseUrl { get; private set; } = "";
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Where webhooks go (the app's endpoint); set once the app listens.</summary>
    public string? WebhookUrl { get; set; }

    protected async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            if (!context.Request.Path.StartsWithSegments("/__fake"))
                Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.Headers.Authorization.ToString(),
                    context.Request.Headers["PayPal-Request-Id"].ToString() is { Length: > 0 } id ? id : null, body));
            var fault = TakeFault(context.Request.Method, context.Request.Path);
            switch (fault)
            {
                case FaultKind.RateLimited:
                    context.Response.StatusCode = 429;
                    context.Response.Headers.RetryAfter = "1";
                    await context.Response.WriteAsJsonAsync(new { code = "RATE_LIMITED", message = "Too many requests", name = "RATE_LIMIT_REACHED" });
                    return;
                case FaultKind.ServerError:
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsJsonAsync(new { code = "INTERNAL_SERVER_ERROR", message = "boom", name = "INTERNAL_SERVER_ERROR" });
                    return;
                case FaultKind.Hang:
                    await HangAsync(context.RequestAborted);
                    return;
                case FaultKind.ProcessThenServerError or FaultKind.ProcessThenHang:
                    // The real response is produced and thrown away: the work happened, the caller never learns it.
                    var original = context.Response.Body;
                    context.Response.Body = new MemoryStream();
                    await next(context);
                    context.Response.Body = original;
                    context.Response.Headers.Clear();
                    if (fault == FaultKind.ProcessThenHang) { await HangAsync(context.RequestAborted); return; }
                    context.Response.StatusCode = 500;
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("""{"code":"INTERNAL_SERVER_ERROR","message":"lost","name":"INTERNAL_SERVER_ERROR"}""");
                    return;
                default:
                    await next(context);
                    return;
            }
        });
        Map(_app);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private async Task HangAsync(CancellationToken aborted)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        try { await Task.Delay(TimeSpan.FromMinutes(2), both.Token); }
        catch (OperationCanceledException) { /* the client gave up, as intended */ }
    }

    protected abstract void Map(WebApplication app);

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> on a path starting with <paramref name="pathPrefix"/> get the fault.</summary>
    public void Inject(string method, string pathPrefix, FaultKind kind, int times = 1)
    {
        for (var i = 0; i < times; i++) _faults.Enqueue((method, pathPrefix, kind));
    }

    private FaultKind? TakeFault(string method, PathString path)
    {
        lock (_faults)
        {
            var all = _faults.ToArray();
            for (var i = 0; i < all.Length; i++)
            {
                if (all[i].Method == method && path.Value!.StartsWith(all[i].PathPrefix, StringComparison.Ordinal))
                {
                    _faults.Clear();
                    for (var j = 0; j < all.Length; j++) if (j != i) _faults.Enqueue(all[j]);
                    return all[i].Kind;
                }
            }
            return null;
        }
    }

    public int Count(string method, string pathPrefix) => Requests.Count(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
