namespace Vozex.Web.Modules.Licensing.Contracts;

/// <summary>
/// Undoes licenses when the order items that bought them are refunded (SPEC §6: "a refunded license is revoked and
/// its links die"). Changes are added to the caller's unit of work, so they commit with the refund or not at all.
/// </summary>
public interface ILicenseRevocation
{
    /// <summary>Revokes the licenses issued for these order items and kills their download links; returns how many were revoked.</summary>
    Task<int> RevokeForOrderItemsAsync(IReadOnlyCollection<long> orderItemIds, string reason, CancellationToken cancellationToken);
}
