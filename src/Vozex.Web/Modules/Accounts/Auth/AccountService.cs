using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Accounts.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Security;
using static Vozex.Web.Modules.Accounts.Domain.IdentityErrorFields;

namespace Vozex.Web.Modules.Accounts.Auth;

internal enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,

    /// <summary>The password was right and the account has two-factor sign-in: a code is needed (pages: the second step).</summary>
    RequiresTwoFactor,
}

internal sealed record SignInAttempt(SignInOutcome Outcome, VozexUser? User, DateTimeOffset? LockedOutUntil)
{
    /// <summary>A two-factor code was sent and was wrong.</summary>
    public bool CodeRejected { get; init; }
}

/// <summary>
/// Sign-up, sign-in and password reset, shared by the JSON API and the pages so both apply the same rules
/// and report errors under the same field names (<c>email</c>, <c>password</c>, <c>name</c>, <c>token</c>).
/// </summary>
internal sealed partial class AccountService(
    MarketplaceDbContext db,
    UserManager<VozexUser> users,
    SignInManager<VozexUser> signIn,
    TokenIssuer tokens,
    IAccountDirectory directory,
    IPasswordResetLinkSender resetLinks,
    TimeProvider time,
    ILogger<AccountService> logger)
{
    public const string IncorrectCredentials = "The email address or password is incorrect.";
    public const string LockedOutMessage = "Too many failed sign-in attempts. The account is locked for a while; try again later or reset your password.";

    public async Task<(VozexUser? User, Dictionary<string, string[]> Errors)> RegisterAsync(
        string? email, string? password, string? name, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        email = email?.Trim() ?? "";
        name = name?.Trim();
        if (!EmailAddressRules.IsValid(email)) errors[Email] = [VozexIdentityErrorDescriber.InvalidEmailMessage];
        if (name is { Length: > VozexUser.NameMaxLength }) errors[Name] = [$"Use at most {VozexUser.NameMaxLength} characters."];
        else if (name is not null && name.Any(char.IsControl)) errors[Name] = ["Use letters, digits, spaces and punctuation only."];

        var user = new VozexUser
        {
            Email = email,
            UserName = email,
            Name = string.IsNullOrEmpty(name) ? EmailAddressRules.DefaultName(email) : name,
            CreatedAt = time.GetUtcNow(),
        };
        if (string.IsNullOrEmpty(password)) errors[Password] = ["Enter a password."];
        else
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, password);
                if (!result.Succeeded) AddTo(errors, result.Errors);
            }
        if (!errors.ContainsKey(Email) && await users.FindByEmailAsync(email) is not null)
            errors[Email] = [VozexIdentityErrorDescriber.DuplicateEmailMessage];
        if (errors.Count > 0) return (null, errors);

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                var created = await users.CreateAsync(user, password!);
                if (!created.Succeeded)
                {
                    AddTo(errors, created.Errors);
                    return (null, errors);
                }
                var role = await users.AddToRoleAsync(user, Roles.Customer);
                if (!role.Succeeded)
                    throw new InvalidOperationException($"Could not give a new account the customer role: {string.Join(" ", role.Errors.Select(e => e.Code))}");
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two sign-ups with one address raced past the check above; the unique index decided.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                if (await users.FindByEmailAsync(email) is null) throw;
                errors[Email] = [VozexIdentityErrorDescriber.DuplicateEmailMessage];
                return (null, errors);
            }
        }
        LogRegistered(logger, user.Id);
        return (user, errors);
    }

    /// <summary>
    /// Checks a password for the API (no cookie), counting failures toward the lockout. An account with two-factor sign-in
    /// also needs <paramref name="twoFactorCode"/> (a current TOTP code or an unused recovery code); a wrong one counts as a failure.
    /// </summary>
    public async Task<SignInAttempt> CheckPasswordAsync(string? email, string? password, string? twoFactorCode = null)
    {
        var attempt = await AttemptAsync(email, password, user => signIn.CheckPasswordSignInAsync(user, password ?? "", lockoutOnFailure: true));
        if (attempt.Outcome != SignInOutcome.Succeeded || !await users.GetTwoFactorEnabledAsync(attempt.User!)) return attempt;
        var user = attempt.User!;
        if (string.IsNullOrWhiteSpace(twoFactorCode)) return new SignInAttempt(SignInOutcome.RequiresTwoFactor, null, null);
        var valid = TwoFactor.TwoFactorEnrolment.IsTotp(twoFactorCode)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactor.TwoFactorEnrolment.Normalize(twoFactorCode))
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, TwoFactor.TwoFactorEnrolment.RecoveryCode(twoFactorCode))).Succeeded;
        if (valid) return attempt;
        await users.AccessFailedAsync(user);
        if (await users.IsLockedOutAsync(user))
            return new SignInAttempt(SignInOutcome.LockedOut, user, await users.GetLockoutEndDateAsync(user));
        return new SignInAttempt(SignInOutcome.RequiresTwoFactor, null, null) { CodeRejected = true };
    }

    /// <summary>Signs in with the page session cookie, counting failures toward the lockout.</summary>
    public Task<SignInAttempt> SignInWithCookieAsync(string? email, string? password, bool keepSignedIn) =>
        AttemptAsync(email, password, user => signIn.PasswordSignInAsync(user, password ?? "", keepSignedIn, lockoutOnFailure: true));

    private async Task<SignInAttempt> AttemptAsync(string? email, string? password, Func<VozexUser, Task<SignInResult>> attempt)
    {
        var user = string.IsNullOrWhiteSpace(email) || email.Length > EmailAddressRules.MaxLength ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            // Hash anyway, so an unknown address answers as slowly as a wrong password and does not reveal itself.
            users.PasswordHasher.VerifyHashedPassword(DummyUser, DummyHash(users.PasswordHasher), password ?? "");
            return new SignInAttempt(SignInOutcome.Failed, null, null);
        }
        var result = await attempt(user);
        if (result.Succeeded) return new SignInAttempt(SignInOutcome.Succeeded, user, null);
        if (result.RequiresTwoFactor) return new SignInAttempt(SignInOutcome.RequiresTwoFactor, user, null);
        if (result.IsLockedOut)
        {
            LogLockedOut(logger, user.Id);
            return new SignInAttempt(SignInOutcome.LockedOut, user, await users.GetLockoutEndDateAsync(user));
        }
        return new SignInAttempt(SignInOutcome.Failed, null, null);
    }

    private static readonly VozexUser DummyUser = new();
    private static string? _dummyHash;

    private static string DummyHash(IPasswordHasher<VozexUser> hasher) =>
        _dummyHash ??= hasher.HashPassword(DummyUser, "not the password of anyone 0");

    /// <summary>
    /// Sends a reset link when the address has an account, and says nothing either way (the caller shows the same
    /// message whatever happened, so the form cannot be used to find out who has an account).
    /// </summary>
    public async Task RequestPasswordResetAsync(string? email, Uri siteBase, CancellationToken cancellationToken)
    {
        email = email?.Trim();
        if (!EmailAddressRules.IsValid(email)) return;
        var user = await users.FindByEmailAsync(email!);
        if (user is null)
        {
            LogResetForUnknown(logger);
            return;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = new Uri(siteBase, $"account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={EncodeToken(token)}");
        var account = await directory.FindAsync(user.Id, cancellationToken);
        await resetLinks.SendAsync(account!, link, cancellationToken);
    }

    /// <summary>Sets a new password with a reset code from a link; on success every API session of the account ends.</summary>
    public async Task<Dictionary<string, string[]>> ResetPasswordAsync(string? email, string? code, string? password, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var user = EmailAddressRules.IsValid(email?.Trim()) ? await users.FindByEmailAsync(email!.Trim()) : null;
        var token = DecodeToken(code);
        if (string.IsNullOrEmpty(password)) errors[Password] = ["Enter a new password."];
        if (user is null || token is null)
        {
            errors[Token] = [new VozexIdentityErrorDescriber().InvalidToken().Description];
            return errors;
        }
        if (errors.Count > 0) return errors;
        var result = await users.ResetPasswordAsync(user, token, password!);
        if (!result.Succeeded)
        {
            AddTo(errors, result.Errors);
            return errors;
        }
        await tokens.RevokeAllAsync(user.Id, cancellationToken);
        // Following the link proved control of the mailbox: a lockout from someone else's guessing is lifted.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        LogPasswordReset(logger, user.Id);
        return errors;
    }

    /// <summary>Identity's reset tokens contain '+', '/' and '='; links carry them base64url-encoded.</summary>
    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 4096) return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} registered")]
    private static partial void LogRegistered(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} is locked out after repeated failed sign-ins")]
    private static partial void LogLockedOut(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A password reset was requested for an address that has no account")]
    private static partial void LogResetForUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} set a new password with a reset link")]
    private static partial void LogPasswordReset(ILogger logger, Guid accountId);
}

/// <summary>Until the Notifications module delivers mail, a reset request is only recorded (without the link, which is a credential).</summary>
internal sealed partial class LoggingPasswordResetLinkSender(ILogger<LoggingPasswordResetLinkSender> logger) : IPasswordResetLinkSender
{
    public Task SendAsync(AccountInfo account, Uri resetLink, CancellationToken cancellationToken)
    {
        LogRequested(logger, account.Id);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Password reset link made for account {AccountId}; mail delivery arrives with the notifications module, so it was not sent")]
    private static partial void LogRequested(ILogger logger, Guid accountId);
}
