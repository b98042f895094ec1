namespace Vozex.Web.Modules.Licensing.Contracts;

/// <summary>An active license whose covered updates end soon.</summary>
public sealed record ExpiringLicenseUpdates(Guid LicenseId, string ProductName, string LicenseTypeName, DateTimeOffset UpdatesUntil);

public sealed record LicenseOverview(int Count, IReadOnlyList<ExpiringLicenseUpdates> UpdatesExpiring);

/// <summary>The customer's licenses as the dashboard's overview counts them.</summary>
public interface ILicenseOverview
{
    /// <summary>How many licenses the customer has, and the active ones whose updates end before <paramref name="expiringBefore"/> (not yet ended).</summary>
    Task<LicenseOverview> ForCustomerAsync(Guid customerId, DateTimeOffset expiringBefore, CancellationToken cancellationToken);
}
