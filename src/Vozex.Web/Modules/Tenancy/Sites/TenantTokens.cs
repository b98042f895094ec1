using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Vozex.Web.Modules.Tenancy.Sites;

/// <summary>How a tenant session was opened: with the password, or through "Open admin" from the marketplace.</summary>
internal enum TenantSignIn
{
    Password,
    SingleSignOn,
}

/// <summary>A validated tenant token: for one tenant, one user, one password generation (security stamp).</summary>
internal sealed record TenantPrincipal(Guid TenantId, int UserId, string SecurityStamp, TenantSignIn SignIn);

/// <summary>
/// Access tokens and session cookies of tenant sites: Data Protection payloads naming the tenant, the user and the
/// user's security stamp, time-limited. The tenant id inside is checked against the host's tenant, so a token from
/// one tenant never works on another's host; the stamp is checked against the tenant database, so a password change
/// ends every earlier session.
/// </summary>
internal sealed class TenantTokens(IDataProtectionProvider protection, TimeProvider time)
{
    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Vozex.Tenancy.SiteToken.v1").ToTimeLimitedDataProtector();

    public string Issue(TenantPrincipal principal, TimeSpan lifetime)
    {
        var payload = string.Join('|', principal.TenantId.ToString("N"), principal.UserId.ToString(CultureInfo.InvariantCulture),
            principal.SecurityStamp, principal.SignIn == TenantSignIn.SingleSignOn ? "sso" : "pwd");
        return _protector.Protect(payload, time.GetUtcNow() + lifetime);
    }

    /// <summary>The principal of <paramref name="token"/> if it is genuine, unexpired and for <paramref name="tenantId"/>; else null.</summary>
    public TenantPrincipal? Read(string? token, Guid tenantId)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        string payload;
        try
        {
            payload = _protector.Unprotect(token, out var expiration);
            if (expiration < time.GetUtcNow()) return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('|');
        if (parts.Length != 4 || !Guid.TryParseExact(parts[0], "N", out var tenant) || tenant != tenantId
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
            return null;
        return new TenantPrincipal(tenant, userId, parts[2], parts[3] == "sso" ? TenantSignIn.SingleSignOn : TenantSignIn.Password);
    }
}
