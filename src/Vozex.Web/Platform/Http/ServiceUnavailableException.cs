namespace Vozex.Web.Platform.Http;

/// <summary>
/// Something outside VOZEX that a request depends on (a payment gateway) did not answer. API callers get a 503 problem
/// with <c>Retry-After</c> instead of a 500, and pages can tell the person to try again. Throw it only where what the
/// detail says about the state (nothing changed, the order is kept) is true.
/// </summary>
public sealed class ServiceUnavailableException(string title, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public string Title { get; } = title;

    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromMinutes(1);
}
