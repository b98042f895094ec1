using System.Security.Claims;

namespace Vozex.Web.Modules.Admin.Contracts;

/// <summary>Actors for audit entries written by the marketplace itself (a sweeper, a refund's effects, automatic assignment).</summary>
public static class AuditActors
{
    /// <summary>No account: the entry's actor reads "system".</summary>
    public static ClaimsPrincipal System { get; } = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "system")], authenticationType: "vozex-system"));
}
