using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.Subscriptions.Billing;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Subscriptions.Api;

/// <summary>An administrator's action on many subscriptions (API and admin page): each that allows it changes, each change is audited, one save.</summary>
internal sealed class SubscriptionBulk(MarketplaceDbContext db, SubscriptionBilling billing, IAuditLog audit)
{
    public static readonly string[] Actions = ["cancel_at_period_end", "resume", "retry_now", "cancel_now"];

    /// <summary>Null when a subscription changed meanwhile (nothing is kept).</summary>
    public async Task<List<SubscriptionBulkResult>?> ApplyAsync(IReadOnlyList<long> ids, string action, ClaimsPrincipal user, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var found = await db.Set<Subscription>().Where(s => wanted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var results = new List<SubscriptionBulkResult>(wanted.Count);
        foreach (var id in wanted)
        {
            if (!found.TryGetValue(id, out var s)) { results.Add(new SubscriptionBulkResult(id, "not_found", null)); continue; }
            var changed = action switch
            {
                "cancel_at_period_end" when s.IsLive && !s.CancelAtPeriodEnd => await ScheduleAsync(s, true, ct),
                "resume" when s.IsLive && s.CancelAtPeriodEnd && billing.CannotResume(s) is null => await ScheduleAsync(s, false, ct),
                // A gateway that bills the subscription retries its own charge; there is nothing to charge here.
                "retry_now" when s.Status is SubscriptionStatus.PastDue or SubscriptionStatus.Suspended && !s.GatewayRenews => await RetryAsync(s, ct),
                "cancel_now" when s.IsLive => await billing.CancelAsync(s, "cancelled by an administrator (bulk)", ct),
                _ => false,
            };
            if (changed) audit.Record(user, $"subscription.{action}", "subscription", id.ToString(CultureInfo.InvariantCulture));
            results.Add(new SubscriptionBulkResult(id, changed ? "changed" : "unchanged", s.Status.WireName()));
        }
        return await CustomerSubscriptionEndpoints.SaveAsync(db, billing, ct) is null ? results : null;
    }

    private async Task<bool> ScheduleAsync(Subscription s, bool cancel, CancellationToken ct)
    {
        await billing.ScheduleCancellationAsync(s, cancel, ct);
        return true;
    }

    private async Task<bool> RetryAsync(Subscription s, CancellationToken ct)
    {
        await billing.ChargeAsync(s, ct);
        return true;
    }
}
