using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vozex.IntegrationTests.Fakes;

public sealed record S3Request(string Method, string Bucket, string Key, string? Range);

/// <summary>
/// An S3-compatible server on 127.0.0.1 (Kestrel, port 0), path-style, in memory: PUT, HEAD, GET (with a single
/// <c>Range</c>) and DELETE of objects, which is all the app's S3 file store uses. Signatures are not verified, but a
/// request without SigV4's headers (Authorization, x-amz-date, x-amz-content-sha256) is refused as S3 would, and a signed
/// payload hash must match the body.
/// </summary>
public sealed class FakeS3Server : IAsyncDisposable
{
    private sealed record StoredObject(byte[] Content, DateTimeOffset LastModified, string ETag);

    private WebApplication _app = null!;
    private readonly ConcurrentDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _buckets;

    public const string AccessKey = "VOZEXTESTACCESSKEY";
    public const string SecretKey = "vozex-test-secret-key";

    public string BaseUrl { get; private set; } = "";
    public ConcurrentQueue<S3Request> Requests { get; } = new();

    private FakeS3Server(IEnumerable<string> buckets) => _buckets = new HashSet<string>(buckets, StringComparer.Ordinal);

    public static async Task<FakeS3Server> StartAsync(params string[] buckets)
    {
        var server = new FakeS3Server(buckets);
        await server.RunAsync();
        return server;
    }

    /// <summary>The app settings that point its file store at this server.</summary>
    public IDictionary<string, string?> Settings(string bucket, string prefix = "") => new Dictionary<string, string?>
    {
        ["Vozex:Files:Store"] = "s3",
        ["Vozex:Files:S3:ServiceUrl"] = BaseUrl,
        ["Vozex:Files:S3:Bucket"] = bucket,
        ["Vozex:Files:S3:AccessKey"] = AccessKey,
        ["Vozex:Files:S3:SecretKey"] = SecretKey,
        ["Vozex:Files:S3:ForcePathStyle"] = "true",
        ["Vozex:Files:S3:Prefix"] = prefix,
    };

    public byte[]? Object(string bucket, string key) => _objects.TryGetValue(bucket + "/" + key, out var found) ? found.Content : null;

    public IEnumerable<string> Keys(string bucket) => _objects.Keys.Where(k => k.StartsWith(bucket + "/", StringComparison.Ordinal)).Select(k => k[(bucket.Length + 1)..]);

    private async Task RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = (request.Path.Value ?? "").TrimStart('/');
        var slash = path.IndexOf('/');
        var bucket = slash < 0 ? path : path[..slash];
        var key = slash < 0 ? "" : path[(slash + 1)..];
        Requests.Enqueue(new S3Request(request.Method, bucket, key, request.Headers.Range.ToString() is { Length: > 0 } r ? r : null));

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("AWS4-HMAC-SHA256 Credential=" + AccessKey + "/", StringComparison.Ordinal)
            || !authorization.Contains("SignedHeaders=", StringComparison.Ordinal) || !authorization.Contains("Signature=", StringComparison.Ordinal)
            || string.IsNullOrEmpty(request.Headers["x-amz-date"]) || string.IsNullOrEmpty(request.Headers["x-amz-content-sha256"]))
        {
            await ErrorAsync(context, 403, "AccessDenied", "Missing or malformed SigV4 headers.");
            return;
        }
        if (!_buckets.Contains(bucket))
        {
            await ErrorAsync(context, 404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }
        if (key.Length == 0)
        {
            await ErrorAsync(context, 501, "NotImplemented", "Only object operations are faked.");
            return;
        }
        var id = bucket + "/" + key;
        switch (request.Method)
        {
            case "PUT":
                await PutAsync(context, id);
                return;
            case "HEAD" or "GET" when !_objects.TryGetValue(id, out _):
                await ErrorAsync(context, 404, "NoSuchKey", "The specified key does not exist.");
                return;
            case "HEAD":
                Describe(context.Response, _objects[id]);
                context.Response.ContentLength = _objects[id].Content.Length;
                return;
            case "GET":
                await GetAsync(context, _objects[id]);
                return;
            case "DELETE":
                _objects.TryRemove(id, out _);
                context.Response.StatusCode = 204;
                return;
            default:
                await ErrorAsync(context, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
                return;
        }
    }

    private async Task PutAsync(HttpContext context, string id)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var declared = context.Request.Headers["x-amz-content-sha256"].ToString();
        if (declared.StartsWith("STREAMING-", StringComparison.Ordinal))
            body = DecodeAwsChunked(body);
        else if (declared != "UNSIGNED-PAYLOAD" && !string.Equals(declared, Convert.ToHexStringLower(SHA256.HashData(body)), StringComparison.Ordinal))
        {
            await ErrorAsync(context, 400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
            return;
        }
        var stored = new StoredObject(body, DateTimeOffset.UtcNow, $"\"{Convert.ToHexStringLower(MD5.HashData(body))}\"");
        _objects[id] = stored;
        context.Response.Headers.ETag = stored.ETag;
    }

    private static async Task GetAsync(HttpContext context, StoredObject found)
    {
        var response = context.Response;
        Describe(response, found);
        var length = (long)found.Content.Length;
        var range = context.Request.Headers.Range.ToString();
        if (string.IsNullOrEmpty(range))
        {
            response.ContentLength = length;
            await response.Body.WriteAsync(found.Content);
            return;
        }
        if (!TryParseRange(range, length, out var from, out var to))
        {
            response.Headers.ContentRange = $"bytes */{length}";
            await ErrorAsync(context, 416, "InvalidRange", "The requested range is not satisfiable.");
            return;
        }
        response.StatusCode = 206;
        response.Headers.ContentRange = $"bytes {from}-{to}/{length}";
        response.ContentLength = to - from + 1;
        await response.Body.WriteAsync(found.Content.AsMemory((int)from, (int)(to - from + 1)));
    }

    /// <summary>One range, <c>bytes=a-b</c>, <c>bytes=a-</c> or <c>bytes=-n</c>, as S3 supports.</summary>
    private static bool TryParseRange(string header, long length, out long from, out long to)
    {
        from = to = 0;
        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(',')) return false;
        var parts = header[6..].Split('-');
        if (parts.Length != 2) return false;
        if (parts[0].Length == 0)
        {
            if (!long.TryParse(parts[1], CultureInfo.InvariantCulture, out var suffix) || suffix <= 0) return false;
            from = Math.Max(0, length - suffix);
            to = length - 1;
            return length > 0;
        }
        if (!long.TryParse(parts[0], CultureInfo.InvariantCulture, out from) || from >= length) return false;
        to = parts[1].Length == 0 ? length - 1 : long.TryParse(parts[1], CultureInfo.InvariantCulture, out var end) ? Math.Min(end, length - 1) : -1;
        return to >= from;
    }

    private static void Describe(HttpResponse response, StoredObject found)
    {
        response.Headers.ETag = found.ETag;
        response.Headers.LastModified = found.LastModified.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = "application/octet-stream";
    }

    /// <summary>SigV4 streaming bodies: <c>hex-size;chunk-signature=…\r\n</c> data <c>\r\n</c>, ending with a zero-size chunk (and optional trailers).</summary>
    private static byte[] DecodeAwsChunked(byte[] body)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = IndexOfCrLf(body, position);
            var header = Encoding.ASCII.GetString(body, position, lineEnd - position);
            var size = int.Parse(header.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            position = lineEnd + 2;
            if (size == 0) break;
            output.Write(body, position, size);
            position += size + 2;
        }
        return output.ToArray();
    }

    private static int IndexOfCrLf(byte[] body, int from)
    {
        for (var i = from; i < body.Length - 1; i++)
            if (body[i] == '\r' && body[i + 1] == '\n') return i;
        throw new FormatException("Truncated aws-chunked body.");
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>fake</RequestId></Error>");
    }

    private bool _stopped;

    /// <summary>Stops answering (the port is closed), as an unreachable S3 endpoint would.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
