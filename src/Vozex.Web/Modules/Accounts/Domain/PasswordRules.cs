using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Vozex.Web.Modules.Accounts.Domain;

/// <summary>
/// The password policy: at least 10 characters with at least one letter and one digit. Identity checks the
/// length and the digit; it has no "any letter" rule (only upper/lower case), so this validator adds it.
/// </summary>
internal sealed class RequireLetterPasswordValidator<TUser> : IPasswordValidator<TUser> where TUser : class
{
    public const string Code = "PasswordRequiresLetter";

    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password) =>
        Task.FromResult(password is not null && password.Any(char.IsLetter)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = Code, Description = "Use at least one letter." }));
}

internal static class PasswordRules
{
    public const int MinLength = 10;
    public const string Hint = "At least 10 characters, with a letter and a digit.";

    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>A random password for the bootstrap administrator: 24 characters without look-alikes, at least one letter and one digit.</summary>
    public static string Generate()
    {
        while (true)
        {
            var candidate = RandomNumberGenerator.GetString(Letters + Digits, 24);
            if (candidate.Any(char.IsLetter) && candidate.Any(char.IsAsciiDigit)) return candidate;
        }
    }
}

/// <summary>Messages a customer can act on; one message per problem even where Identity reports two codes (user name and email are one value here).</summary>
internal sealed class VozexIdentityErrorDescriber : IdentityErrorDescriber
{
    public const string DuplicateEmailMessage = "An account with this email address already exists.";
    public const string InvalidEmailMessage = "Enter a valid email address, like name@example.com.";

    public override IdentityError DuplicateEmail(string? email) => new() { Code = nameof(DuplicateEmail), Description = DuplicateEmailMessage };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = DuplicateEmailMessage };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = InvalidEmailMessage };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = InvalidEmailMessage };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Use at least {length} characters." };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "Use at least one digit (0-9)." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "This link is invalid or has expired. Ask for a new one." };
}

/// <summary>Maps Identity's error codes to the request fields they concern (the API's <c>errors</c> keys and the forms' fields).</summary>
internal static class IdentityErrorFields
{
    public const string Email = "email";
    public const string Password = "password";
    public const string Name = "name";
    public const string Token = "token";

    public static string FieldOf(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => Password,
        "InvalidToken" => Token,
        _ => Email,
    };

    public static void AddTo(IDictionary<string, string[]> errors, IEnumerable<IdentityError> identityErrors)
    {
        foreach (var group in identityErrors.GroupBy(e => FieldOf(e.Code)))
        {
            var existing = errors.TryGetValue(group.Key, out var messages) ? messages : [];
            errors[group.Key] = existing.Concat(group.Select(e => e.Description)).Distinct(StringComparer.Ordinal).ToArray();
        }
    }
}
