using System.ComponentModel.DataAnnotations;

namespace Vozex.Web.Modules.Accounts;

/// <summary>Bound to "Vozex:Accounts".</summary>
internal sealed class AccountsOptions
{
    public const string Section = "Vozex:Accounts";

    /// <summary>Sign-in attempts (API and page, plus the password-reset and sign-up forms) per client IP per minute.</summary>
    [Range(1, 1_000_000)]
    public int LoginRateLimitPerMinute { get; set; } = 10;

    /// <summary>Lifetime of an API access token; short, because a bearer token cannot be revoked before it expires.</summary>
    [Range(1, 24 * 60)]
    public int AccessTokenMinutes { get; set; } = 30;

    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>Lifetime of the page session cookie when "keep me signed in" is ticked (sliding).</summary>
    [Range(1, 365)]
    public int SessionDays { get; set; } = 14;

    [Range(1, 7 * 24)]
    public int PasswordResetLinkHours { get; set; } = 2;
}

/// <summary>Bound to "Vozex:Bootstrap": the first administrator, created at start when no administrator exists.</summary>
internal sealed class BootstrapOptions : IValidatableObject
{
    public const string Section = "Vozex:Bootstrap";
    public const string DefaultAdminEmail = "admin@vozex.local";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(AdminEmail) && !Domain.EmailAddressRules.IsValid(AdminEmail.Trim()))
            yield return new ValidationResult("Vozex:Bootstrap:AdminEmail is not a valid email address.", [nameof(AdminEmail)]);
    }
}
