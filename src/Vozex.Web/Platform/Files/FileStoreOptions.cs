using System.ComponentModel.DataAnnotations;

namespace Vozex.Web.Platform.Files;

/// <summary>Bound to <c>Vozex:Files</c>: which store keeps uploaded files and release archives.</summary>
public sealed class FileStoreOptions
{
    public const string Section = "Vozex:Files";

    /// <summary><c>local</c> (a folder under the data directory) or <c>s3</c> (an S3-compatible bucket).</summary>
    [Required, RegularExpression("^(local|s3)$", ErrorMessage = "Vozex:Files:Store must be 'local' or 's3'.")]
    public string Store { get; set; } = "local";

    public S3StoreOptions S3 { get; set; } = new();

    public bool UsesS3 => string.Equals(Store, "s3", StringComparison.Ordinal);
}

/// <summary>Bound to <c>Vozex:Files:S3</c>; required when the store is <c>s3</c>.</summary>
public sealed class S3StoreOptions
{
    /// <summary>The endpoint, e.g. <c>https://s3.eu-central-1.amazonaws.com</c> or a MinIO / R2 / B2 address.</summary>
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }

    /// <summary>The region requests are signed for; most S3-compatible servers accept <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary><c>https://host/bucket/key</c> rather than <c>https://bucket.host/key</c>; what MinIO and most self-hosted servers expect.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Prepended to every key, so one bucket can hold several installations (e.g. <c>vozex/</c>).</summary>
    public string Prefix { get; set; } = "";

    internal IEnumerable<string> Missing()
    {
        if (string.IsNullOrWhiteSpace(ServiceUrl) || !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _)) yield return "ServiceUrl";
        if (string.IsNullOrWhiteSpace(Bucket)) yield return "Bucket";
        if (string.IsNullOrWhiteSpace(AccessKey)) yield return "AccessKey";
        if (string.IsNullOrWhiteSpace(SecretKey)) yield return "SecretKey";
    }
}
