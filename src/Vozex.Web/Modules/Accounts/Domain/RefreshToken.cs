using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Vozex.Web.Modules.Accounts.Domain;

/// <summary>
/// A refresh token is a random value handed to the client once; only its SHA-256 hash is stored. Each one is
/// used once: refreshing consumes it and issues the next, and presenting a consumed one revokes the family.
/// </summary>
internal sealed class RefreshToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string TokenHash { get; set; } = "";

    /// <summary>Hash of the account's security stamp when issued: a password reset or change invalidates the token.</summary>
    public string SecurityStampHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ConsumedAt { get; set; }

    public static string NewValue() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
