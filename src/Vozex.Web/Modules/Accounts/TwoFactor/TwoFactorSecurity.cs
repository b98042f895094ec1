using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QRCoder;
using Vozex.Web.Modules.Accounts.Domain;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Accounts.TwoFactor;

/// <summary>Bound to "Vozex:Admin".</summary>
public sealed class AdminSecurityOptions
{
    public const string Section = "Vozex:Admin";

    /// <summary>When true, an administrator without two-factor sign-in is sent to enrol before any admin page or API works.</summary>
    public bool RequireTwoFactor { get; set; }
}

public static class TwoFactorPolicies
{
    /// <summary>An administrator, enrolled in two-factor sign-in or not: only the enrolment page and API use it.</summary>
    public const string AdminEnrolment = "admin-enrolment";

    public const string EnrolmentPath = "/admin/security";
}

/// <summary>Part of <see cref="Policies.Admin"/>: met unless two-factor sign-in is required and the account has none.</summary>
public sealed class AdminTwoFactorRequirement : IAuthorizationRequirement;

internal sealed class AdminTwoFactorHandler(IOptionsMonitor<AdminSecurityOptions> options, UserManager<VozexUser> users)
    : AuthorizationHandler<AdminTwoFactorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminTwoFactorRequirement requirement)
    {
        if (!options.CurrentValue.RequireTwoFactor)
        {
            context.Succeed(requirement);
            return;
        }
        // Read from the database, not a claim: a session or token issued before enrolment must not outlive the rule.
        if (context.User.UserId() is { } id && await users.FindByIdAsync(id.ToString()) is { TwoFactorEnabled: true })
            context.Succeed(requirement);
    }
}

/// <summary>
/// Turns a refusal caused only by missing two-factor enrolment into directions: pages go to the enrolment page, the API
/// gets a 403 problem that says what to do. Every other outcome is the default one.
/// </summary>
internal sealed class TwoFactorEnrolmentResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure
            && failure.FailedRequirements.Any() && failure.FailedRequirements.All(r => r is AdminTwoFactorRequirement))
        {
            if (context.Request.IsApiRequest())
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Two-factor sign-in required",
                    detail: $"Administrators must turn on two-factor sign-in first: {TwoFactorPolicies.EnrolmentPath} (or POST /api/v1/me/two-factor/enable).",
                    extensions: new Dictionary<string, object?> { ["two_factor_required"] = true }).ExecuteAsync(context);
                return;
            }
            context.Response.Redirect($"{TwoFactorPolicies.EnrolmentPath}?required=1");
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

internal sealed record TwoFactorState(bool Enabled, int RecoveryCodesLeft, string? SharedKey, string? AuthenticatorUri, bool Required);

/// <summary>Enrolment in TOTP sign-in with Identity's authenticator token provider (RFC 6238, 30-second codes of 6 digits).</summary>
internal sealed class TwoFactorEnrolment(
    UserManager<VozexUser> users, SignInManager<VozexUser> signIn, IAuditLog audit, IOptionsMonitor<AdminSecurityOptions> options,
    Platform.Data.MarketplaceDbContext db)
{
    public const string Issuer = "VOZEX";
    public const int RecoveryCodeCount = 10;

    /// <summary>The account's state; makes an authenticator key the first time one is needed (never replaces one).</summary>
    public async Task<TwoFactorState?> StateAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return null;
        var required = options.CurrentValue.RequireTwoFactor;
        if (await users.GetTwoFactorEnabledAsync(user))
            return new TwoFactorState(true, await users.CountRecoveryCodesAsync(user), null, null, required);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        return new TwoFactorState(false, 0, key, AuthenticatorUri(user.Email!, key!), required);
    }

    /// <summary>Checks a code from the authenticator app and turns two-factor sign-in on; returns the recovery codes, shown once.</summary>
    public async Task<(IReadOnlyList<string>? RecoveryCodes, string? Error)> EnableAsync(ClaimsPrincipal principal, string? code, bool refreshCookie)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return (null, "Sign in again.");
        if (await users.GetTwoFactorEnabledAsync(user)) return (null, "Two-factor sign-in is already on.");
        var normalized = Normalize(code);
        if (normalized.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalized))
            return (null, "The code is not valid: enter the 6 digits your authenticator app shows now.");
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        audit.Record(principal, "account.two_factor.enable", "account", user.Id.ToString());
        await db.SaveChangesAsync();
        // Enabling changed the security stamp; re-issue the page session so the administrator stays signed in.
        if (refreshCookie) await signIn.RefreshSignInAsync(user);
        return (codes, null);
    }

    public async Task<(IReadOnlyList<string>? RecoveryCodes, string? Error)> NewRecoveryCodesAsync(ClaimsPrincipal principal, string? code)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || !await users.GetTwoFactorEnabledAsync(user)) return (null, "Two-factor sign-in is off.");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code)))
            return (null, "The code is not valid.");
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        audit.Record(principal, "account.two_factor.recovery_codes", "account", user.Id.ToString());
        await db.SaveChangesAsync();
        return (codes, null);
    }

    /// <summary>Turns two-factor sign-in off (refused while it is required) and forgets the key, so enrolling again shows a new one.</summary>
    public async Task<string?> DisableAsync(ClaimsPrincipal principal, string? code, bool refreshCookie)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || !await users.GetTwoFactorEnabledAsync(user)) return "Two-factor sign-in is off.";
        if (options.CurrentValue.RequireTwoFactor && await users.IsInRoleAsync(user, Roles.Admin))
            return "Two-factor sign-in is required for administrators here (Vozex:Admin:RequireTwoFactor).";
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code)))
            return "The code is not valid.";
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        audit.Record(principal, "account.two_factor.disable", "account", user.Id.ToString());
        await db.SaveChangesAsync();
        if (refreshCookie) await signIn.RefreshSignInAsync(user);
        return null;
    }

    /// <summary>TOTP codes are typed with spaces or dashes now and then.</summary>
    public static string Normalize(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    /// <summary>A TOTP code (6 digits once spaces and dashes are gone) rather than a recovery code (which keeps its dash).</summary>
    public static bool IsTotp(string? code) => Normalize(code) is { Length: 6 } digits && digits.All(char.IsAsciiDigit);

    /// <summary>Recovery codes are stored as issued (xxxxx-xxxxx); only surrounding spaces are forgiven.</summary>
    public static string RecoveryCode(string? code) => (code ?? "").Trim();

    public static string AuthenticatorUri(string email, string key) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");

    /// <summary>"ABCD EFGH ..." for typing the key by hand.</summary>
    public static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) result.Append(' ');
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return result.ToString().ToLowerInvariant();
    }

    /// <summary>The QR code of the authenticator URI as a PNG data URI (drawn on the server, no script or outside service).</summary>
    public static string QrCodeDataUri(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
