using System.Security.Claims;

namespace Vozex.Web.Modules.Accounts.Contracts;

/// <summary>Claims the Accounts module puts on every signed-in principal, beyond the id (<c>UserId()</c>), email and roles.</summary>
public static class AccountClaims
{
    /// <summary>The claim type of the account's display name at sign-in.</summary>
    public const string DisplayNameType = "vozex:name";

    /// <summary>The display name of a signed-in principal, falling back to its email; null for a visitor.</summary>
    public static string? DisplayName(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? null
        : user.FindFirstValue(DisplayNameType) is { Length: > 0 } name ? name
        : user.Identity.Name;
}
