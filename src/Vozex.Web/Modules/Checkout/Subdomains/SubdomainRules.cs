using System.Globalization;
using System.Text;

namespace Vozex.Web.Modules.Checkout.Subdomains;

/// <summary>
/// The format of a tenant subdomain (SPEC §5): one DNS label of 3–40 characters of <c>a-z0-9-</c>, not starting
/// or ending with '-', and not a name the platform uses or might use. Uniqueness across tenants is the
/// checkout's and tenancy's business (it needs the database); this class is pure.
/// </summary>
public static class SubdomainRules
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    /// <summary>Names of our own hosts and services, and names that would let a tenant impersonate the platform.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "www", "www1", "www2", "admin", "administrator", "root", "api", "graphql", "app", "apps", "web",
        "mail", "email", "smtp", "imap", "pop", "pop3", "webmail", "mx", "ns", "ns1", "ns2", "ns3", "dns",
        "ftp", "sftp", "ssh", "vpn", "dashboard", "console", "portal", "static", "assets", "cdn", "media",
        "files", "download", "downloads", "status", "health", "metrics", "support", "help", "docs", "blog",
        "billing", "payments", "checkout", "webhooks", "account", "accounts", "auth", "login", "logout",
        "signin", "signup", "register", "oauth", "sso", "secure", "security", "system", "internal",
        "dev", "staging", "test", "demo", "sandbox", "tenant", "tenants", "vozex", "localhost",
    };

    /// <summary>Null when <paramref name="label"/> is a valid subdomain; otherwise what is wrong with it.</summary>
    public static string? Validate(string? label)
    {
        if (string.IsNullOrEmpty(label)) return "Required.";
        if (label.Length is < MinLength or > MaxLength)
            return string.Create(CultureInfo.InvariantCulture, $"Must be {MinLength} to {MaxLength} characters long.");
        foreach (var ch in label)
            if (!IsLabelChar(ch))
                return "Use only lowercase letters a-z, digits and '-'.";
        if (label[0] == '-' || label[^1] == '-') return "Must not start or end with '-'.";
        // "ab--" prefixes (xn-- and future ones) mark encoded international names (RFC 5891 §4.2.3.1): look-alike risk.
        if (label.Length >= 4 && label[2] == '-' && label[3] == '-') return "Must not have '--' as its third and fourth characters.";
        if (Reserved.Contains(label)) return $"'{label}' is reserved.";
        return null;
    }

    public static bool IsValid(string? label) => Validate(label) is null;

    /// <summary>
    /// A valid subdomain made from a customer's (or company's) name: accents dropped, lowercased, every
    /// run of other characters turned into one '-', trimmed and cut to <see cref="MaxLength"/>. Too short
    /// or reserved results get "-site" appended; no usable character at all gives "my-site".
    /// </summary>
    public static string Derive(string? name)
    {
        var builder = new StringBuilder(MaxLength);
        var pendingDash = false;
        foreach (var ch in Fold(name ?? ""))
        {
            if (builder.Length >= MaxLength) break;
            if (IsLetterOrDigit(ch))
            {
                if (pendingDash && builder.Length > 0)
                {
                    if (builder.Length >= MaxLength - 1) break;
                    builder.Append('-');
                }
                pendingDash = false;
                builder.Append(ch);
            }
            else
                pendingDash = true;
        }
        var label = builder.ToString().TrimEnd('-');
        if (label.Length == 0) return "my-site";
        return label.Length < MinLength || Reserved.Contains(label) ? label + "-site" : label;
    }

    /// <summary>
    /// <paramref name="label"/> with "-<paramref name="number"/>" appended, cut so the result stays a valid
    /// label: the way to try acme, acme-2, acme-3... when a derived name is taken.
    /// </summary>
    public static string WithSuffix(string label, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 2);
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-{number}");
        var stem = label.Length + suffix.Length > MaxLength ? label[..(MaxLength - suffix.Length)].TrimEnd('-') : label;
        return stem + suffix;
    }

    private static bool IsLabelChar(char ch) => IsLetterOrDigit(ch) || ch == '-';

    private static bool IsLetterOrDigit(char ch) => ch is >= 'a' and <= 'z' or >= '0' and <= '9';

    /// <summary>
    /// Lowercase, with Latin letters carrying accents spelled in ASCII ("Café Zoë" → "cafe zoe"). A table rather
    /// than Unicode decomposition: the app runs with invariant globalization, where normalization does not decompose.
    /// </summary>
    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is >= LatinStart and < LatinEnd && Latin[ch - LatinStart] is { } ascii) builder.Append(ascii);
            else builder.Append(char.ToLowerInvariant(ch));
        }
        return builder.ToString();
    }

    private const char LatinStart = '\u00C0';
    private const char LatinEnd = '\u0180';
    private static readonly string?[] Latin = BuildLatinTable();

    /// <summary>Latin-1 Supplement and Latin Extended-A letters (U+00C0–U+017F) to ASCII.</summary>
    private static string?[] BuildLatinTable()
    {
        var map = new string?[LatinEnd - LatinStart];
        void Set(int from, int to, string ascii)
        {
            for (var c = from; c <= to; c++) map[c - LatinStart] = ascii;
        }
        Set(0xC0, 0xC5, "a"); Set(0xC6, 0xC6, "ae"); Set(0xC7, 0xC7, "c"); Set(0xC8, 0xCB, "e"); Set(0xCC, 0xCF, "i");
        Set(0xD0, 0xD0, "d"); Set(0xD1, 0xD1, "n"); Set(0xD2, 0xD6, "o"); Set(0xD8, 0xD8, "o"); Set(0xD9, 0xDC, "u");
        Set(0xDD, 0xDD, "y"); Set(0xDE, 0xDE, "th"); Set(0xDF, 0xDF, "ss");
        Set(0xE0, 0xE5, "a"); Set(0xE6, 0xE6, "ae"); Set(0xE7, 0xE7, "c"); Set(0xE8, 0xEB, "e"); Set(0xEC, 0xEF, "i");
        Set(0xF0, 0xF0, "d"); Set(0xF1, 0xF1, "n"); Set(0xF2, 0xF6, "o"); Set(0xF8, 0xF8, "o"); Set(0xF9, 0xFC, "u");
        Set(0xFD, 0xFD, "y"); Set(0xFE, 0xFE, "th"); Set(0xFF, 0xFF, "y");
        Set(0x100, 0x105, "a"); Set(0x106, 0x10D, "c"); Set(0x10E, 0x111, "d"); Set(0x112, 0x11B, "e"); Set(0x11C, 0x123, "g");
        Set(0x124, 0x127, "h"); Set(0x128, 0x131, "i"); Set(0x132, 0x133, "ij"); Set(0x134, 0x135, "j"); Set(0x136, 0x138, "k");
        Set(0x139, 0x142, "l"); Set(0x143, 0x14B, "n"); Set(0x14C, 0x151, "o"); Set(0x152, 0x153, "oe"); Set(0x154, 0x159, "r");
        Set(0x15A, 0x161, "s"); Set(0x162, 0x167, "t"); Set(0x168, 0x173, "u"); Set(0x174, 0x175, "w"); Set(0x176, 0x178, "y");
        Set(0x179, 0x17E, "z"); Set(0x17F, 0x17F, "s");
        return map;
    }
}

/// <summary>A customer's own host name for their tenant (SPEC §5, optional): a fully qualified DNS name, not an IP address.</summary>
public static class DomainNames
{
    public const int MaxLength = 253;

    /// <summary>Lowercase, no surrounding blanks, no trailing root dot: host names are case-insensitive.</summary>
    public static string Normalize(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>Null when <paramref name="host"/> (already normalized) is a valid host name; otherwise what is wrong.</summary>
    public static string? Validate(string host)
    {
        if (host.Length is 0 or > MaxLength)
            return string.Create(CultureInfo.InvariantCulture, $"Must be a host name of 1 to {MaxLength} characters, such as shop.example.com.");
        var labels = host.Split('.');
        if (labels.Length < 2) return "Must be a fully qualified host name, such as shop.example.com.";
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63) return "Each part between dots must be 1 to 63 characters.";
            if (label[0] == '-' || label[^1] == '-') return "No part may start or end with '-'.";
            if (!label.All(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
                return "Use only letters, digits, '-' and '.' (internationalized names in their xn-- form).";
        }
        if (labels[^1].All(char.IsAsciiDigit)) return "Must be a host name, not an IP address.";
        return null;
    }
}
