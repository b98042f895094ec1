namespace Vozex.Web.Modules.Licensing.Domain;

internal enum LicenseStatus
{
    Active,
    Suspended,
    Revoked,
    Expired,
}

/// <summary>The answers of <c>POST /licenses/validate</c> (API.md), as their wire names.</summary>
internal static class ValidationCodes
{
    public const string Valid = "VALID";
    public const string Expired = "EXPIRED";
    public const string Revoked = "REVOKED";
    public const string Suspended = "SUSPENDED";
    public const string NotActivated = "NOT_ACTIVATED";
    public const string TooManyActivations = "TOO_MANY_ACTIVATIONS";
    public const string NotFound = "NOT_FOUND";
}

/// <summary>Every allowed license transition, in one place.</summary>
internal static class LicenseStates
{
    public static bool CanTransition(LicenseStatus from, LicenseStatus to) => from switch
    {
        LicenseStatus.Active => to is LicenseStatus.Suspended or LicenseStatus.Revoked or LicenseStatus.Expired,
        LicenseStatus.Suspended => to is LicenseStatus.Active or LicenseStatus.Revoked,
        LicenseStatus.Expired => to is LicenseStatus.Active or LicenseStatus.Revoked,
        LicenseStatus.Revoked => false,
    };
}
