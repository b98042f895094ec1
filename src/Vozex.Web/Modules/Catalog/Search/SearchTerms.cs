using System.Text.RegularExpressions;

namespace Vozex.Web.Modules.Catalog.Search;

/// <summary>
/// Turns what a visitor typed into safe prefix terms. Only letters and digits survive, so no input
/// can inject tsquery or FTS5 syntax; every term must match (AND), each as a word prefix.
/// </summary>
public static partial class SearchTerms
{
    public const int MaxTerms = 8;

    public static IReadOnlyList<string> Parse(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();

    /// <summary>PostgreSQL to_tsquery text: <c>kitchen:* &amp; display:*</c>.</summary>
    public static string ToTsQuery(IReadOnlyList<string> terms) => string.Join(" & ", terms.Select(t => t + ":*"));

    /// <summary>FTS5 MATCH text: <c>"kitchen"* "display"*</c> (implicit AND).</summary>
    public static string ToFts5Match(IReadOnlyList<string> terms) => string.Join(' ', terms.Select(t => $"\"{t}\"*"));

    [GeneratedRegex(@"[\p{L}\p{N}]{1,40}")]
    private static partial Regex Word();
}
