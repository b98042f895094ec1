using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Vozex.Web.Modules.Tenancy.Data;

namespace Vozex.Web.Modules.Tenancy.Provisioning;

/// <summary>Temporary passwords and password hashes for tenant users.</summary>
internal static class TenantPasswords
{
    /// <summary>No look-alikes (0/O, 1/l/I), so a password read from a mail can be typed.</summary>
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>24 characters of a 56-character alphabet: 24·log2(56) ≈ 139 bits, above the 128 the issue asks for.</summary>
    public const int TemporaryLength = 24;

    public const int MinLength = 10;

    private static readonly PasswordHasher<TenantUser> Hasher = new();

    /// <summary>
    /// Key stretching protects passwords people choose; a generated temporary password has ≈ 139 random bits, which no
    /// number of guesses reaches, so its hash needs few iterations. It is the same Identity v3 format (the count is
    /// stored in the hash, so <see cref="Verify"/> reads it) and the first password change re-hashes at the full count.
    /// This keeps the hash from being the largest CPU cost of a provisioning (bench/RESULTS.md, tenancy).
    /// </summary>
    private static readonly PasswordHasher<TenantUser> GeneratedHasher =
        new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 1_000 }));

    public static string NewTemporary()
    {
        var chars = RandomNumberGenerator.GetString(Alphabet, TemporaryLength);
        return $"{chars[..6]}-{chars[6..12]}-{chars[12..18]}-{chars[18..]}";
    }

    public static string Hash(TenantUser user, string password) => Hasher.HashPassword(user, password);

    /// <summary>The hash of a password from <see cref="NewTemporary"/>, never of one a person chose.</summary>
    public static string HashGenerated(TenantUser user, string generatedPassword) => GeneratedHasher.HashPassword(user, generatedPassword);

    public static bool Verify(TenantUser user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    public static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Null when <paramref name="password"/> is acceptable as a new password; otherwise what is wrong.</summary>
    public static string? Validate(string? password) =>
        string.IsNullOrEmpty(password) ? "Required."
        : password.Length < MinLength ? $"Use at least {MinLength} characters."
        : password.Length > 200 ? "Use at most 200 characters."
        : null;
}
