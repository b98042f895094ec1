namespace Vozex.Web.Modules.Tenancy.Contracts;

/// <summary>A tenant whose temporary admin credentials are still readable but lapse soon.</summary>
public sealed record ExpiringTenantCredentials(Guid TenantId, string ProductName, string Domain, DateTimeOffset ExpiresAt);

public sealed record TenantOverview(int Count, IReadOnlyList<ExpiringTenantCredentials> CredentialsExpiring);

/// <summary>The customer's tenants as the dashboard's overview counts them.</summary>
public interface ITenantOverview
{
    /// <summary>How many tenants the customer has, and those whose credentials expire before <paramref name="expiringBefore"/> (still readable now).</summary>
    Task<TenantOverview> ForCustomerAsync(Guid customerId, DateTimeOffset expiringBefore, CancellationToken cancellationToken);
}
