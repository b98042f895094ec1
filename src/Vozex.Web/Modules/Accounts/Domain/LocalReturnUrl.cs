namespace Vozex.Web.Modules.Accounts.Domain;

/// <summary>
/// Where sign-in may send the browser afterwards: only a path on this site. Absolute URLs, protocol-relative
/// <c>//host</c> and <c>/\host</c> (which browsers treat as <c>//host</c>) and anything with control characters fall back to "/".
/// </summary>
internal static class LocalReturnUrl
{
    public const string Home = "/";

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/') return false;
        if (url.Length > 1 && url[1] is '/' or '\\') return false;
        if (url.Length > 2048) return false;
        return !url.Any(c => char.IsControl(c) || c == '\\');
    }

    public static string Sanitize(string? url) => IsLocal(url) ? url! : Home;
}
