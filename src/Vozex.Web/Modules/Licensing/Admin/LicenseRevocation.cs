using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Licensing.Contracts;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Admin;

internal sealed class LicenseRevocation(MarketplaceDbContext db, TimeProvider time) : ILicenseRevocation
{
    public async Task<int> RevokeForOrderItemsAsync(IReadOnlyCollection<long> orderItemIds, string reason, CancellationToken cancellationToken)
    {
        var licenses = await db.Set<License>().Where(l => orderItemIds.Contains(l.OrderItemId)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var revoked = licenses.Where(l => l.MoveTo(LicenseStatus.Revoked, now, reason)).Select(l => l.Id).ToList();
        await KillLinksAsync(db, revoked, now, cancellationToken);
        return revoked.Count;
    }

    /// <summary>
    /// Marks the licenses' open links revoked (tracked, so it commits with the caller). Downloads also check the license,
    /// so a link dies with its license even before this is saved.
    /// </summary>
    internal static async Task KillLinksAsync(MarketplaceDbContext db, IReadOnlyCollection<Guid> licenseIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (licenseIds.Count == 0) return;
        var open = await db.Set<DownloadLink>().Where(d => licenseIds.Contains(d.LicenseId) && d.RevokedAt == null && d.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        foreach (var link in open) link.RevokedAt = now;
    }
}

/// <summary>
/// A refunded self-hosted item revokes its license and kills its links inside the refund's unit of work (SPEC §6).
/// Revoking twice changes nothing, so a retried unit of work may call this again.
/// </summary>
internal sealed class LicenseRefunds(ILicenseRevocation revocation) : IRefundObserver
{
    public async Task OnItemsRefundedAsync(OrderItemsRefunded refund, CancellationToken cancellationToken)
    {
        var items = refund.Items.Where(i => i.DeliveryModel == "self_hosted").Select(i => i.OrderItemId).ToList();
        if (items.Count > 0) await revocation.RevokeForOrderItemsAsync(items, $"Refunded (order {refund.OrderNumber}).", cancellationToken);
    }
}
