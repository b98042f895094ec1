using System.Net.Mail;

namespace Vozex.Web.Modules.Accounts.Domain;

/// <summary>
/// What the marketplace accepts as a sign-in email: a plain <c>local@domain.tld</c> address (no display name,
/// no quoted local part, no IP-literal domain), since receipts, credentials and reset links are mailed to it.
/// </summary>
internal static class EmailAddressRules
{
    public const int MaxLength = 254;

    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > MaxLength || email != email.Trim()) return false;
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1) return false;
        var local = email[..at];
        var domain = email[(at + 1)..];
        if (local.Length > 64 || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)) return false;
        if (local.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '(' or ')' or ',' or ':' or ';' or '<' or '>' or '[' or ']' or '\\'))
            return false;
        if (!IsDomain(domain)) return false;
        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && string.IsNullOrEmpty(parsed.DisplayName);
    }

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2 || domain.Length > 253) return false;
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-')) return false;
            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c > 127 && char.IsLetterOrDigit(c))) return false;
        }
        var tld = labels[^1];
        return tld.Length >= 2 && !tld.All(char.IsAsciiDigit);
    }

    /// <summary>The display name to use when none was given: the address's local part.</summary>
    public static string DefaultName(string email)
    {
        var local = email.Split('@')[0];
        return local.Length > VozexUser.NameMaxLength ? local[..VozexUser.NameMaxLength] : local;
    }
}
