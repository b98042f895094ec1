using System.Security.Claims;

namespace Vozex.Web.Platform.Security;

public static class Roles
{
    public const string Customer = "customer";
    public const string Admin = "admin";
    public const string Provider = "provider";

    public static readonly IReadOnlyList<string> All = [Customer, Admin, Provider];
}

/// <summary>Authorization policy names used by every module's endpoints and pages.</summary>
public static class Policies
{
    /// <summary>Any signed-in account (cookie on pages, bearer token on the API).</summary>
    public const string Customer = "customer";
    public const string Admin = "admin";
    public const string Provider = "provider";
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in account's id, or null for a visitor.</summary>
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The account id of a principal an endpoint already required to be signed in.</summary>
    public static Guid RequiredUserId(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The endpoint requires a signed-in user.");
}
