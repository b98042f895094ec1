using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Vozex.Web.Platform.Files;

/// <summary>
/// The file store in an S3-compatible bucket (AWS, MinIO, R2, B2, …) through AWSSDK.S3: PUT, HEAD, GET with Range and
/// DELETE of single objects, nothing else, so any server speaking that much of the S3 REST API will do. Keys are the
/// same as the local store's, under <see cref="S3StoreOptions.Prefix"/>.
/// </summary>
internal sealed class S3FileStore : IFileStore, IDisposable
{
    private readonly Lazy<AmazonS3Client> _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public S3FileStore(S3StoreOptions options)
    {
        _bucket = options.Bucket ?? "";
        _prefix = options.Prefix;
        // Made on first use: the client is only wanted when the store is configured as s3 (validated at start).
        _client = new Lazy<AmazonS3Client>(() => new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            // Checksums only where S3 demands them: many S3-compatible servers do not speak the SDK's trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        }));
    }

    private AmazonS3Client Client => _client.Value;

    public async Task<StoredFile> SaveAsync(string area, Stream content, CancellationToken cancellationToken)
    {
        var key = FileKeys.New(area, DateTime.UtcNow);
        // Spooled to a temporary file first: a PUT needs the length up front, and hashing on the way gives size and SHA-256.
        var temp = Path.Combine(Path.GetTempPath(), $"vozex-upload-{Guid.NewGuid():N}");
        try
        {
            (long Size, string Sha256) written;
            await using (var spool = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                written = await FileKeys.CopyHashingAsync(content, spool, cancellationToken);
            await using var upload = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await Client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _bucket,
                Key = _prefix + key,
                InputStream = upload,
                AutoCloseStream = false,
                ContentType = "application/octet-stream",
                // One signed payload rather than aws-chunked encoding, which not every S3-compatible server accepts.
                UseChunkEncoding = false,
            }, cancellationToken);
            return new StoredFile(key, written.Size, written.Sha256);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<OpenedFile?> OpenAsync(string storagePath, CancellationToken cancellationToken)
    {
        if (!IsKey(storagePath)) return null;
        try
        {
            var head = await Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = _prefix + storagePath }, cancellationToken);
            var length = head.Headers.ContentLength;
            var modified = head.LastModified is { } m ? new DateTimeOffset(DateTime.SpecifyKind(m.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;
            return new OpenedFile(new S3ObjectStream(Client, _bucket, _prefix + storagePath, length), length, modified);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string storagePath, CancellationToken cancellationToken)
    {
        if (!IsKey(storagePath) || await OpenAsync(storagePath, cancellationToken) is not { } existing) return false;
        await existing.Content.DisposeAsync();
        await Client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = _prefix + storagePath }, cancellationToken);
        return true;
    }

    /// <summary>Keys this store hands out: relative, forward slashes, no dot segments.</summary>
    private static bool IsKey(string path) =>
        !string.IsNullOrEmpty(path) && !path.StartsWith('/') && !path.Contains('\\')
        && path.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");

    public void Dispose()
    {
        if (_client.IsValueCreated) _client.Value.Dispose();
    }
}

/// <summary>
/// An object read as a seekable stream: each read continues one ranged GET (<c>bytes=position-</c>), and a seek that
/// moves the position drops it so the next read starts a new one there. Range requests to the app thus fetch only the
/// bytes they serve, and a whole download is a single streamed GET.
/// </summary>
internal sealed class S3ObjectStream(IAmazonS3 client, string bucket, string key, long length) : Stream
{
    private GetObjectResponse? _response;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0) return 0;
        if (_response is null)
        {
            _response = await client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucket,
                Key = key,
                ByteRange = new ByteRange(_position, length - 1),
            }, cancellationToken);
        }
        var read = await _response.ResponseStream.ReadAsync(buffer, cancellationToken);
        if (read == 0) throw new IOException($"The object {key} ended at byte {_position} of {length}.");
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position)
        {
            DropResponse();
            _position = target;
        }
        return _position;
    }

    private void DropResponse()
    {
        _response?.Dispose();
        _response = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) DropResponse();
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
