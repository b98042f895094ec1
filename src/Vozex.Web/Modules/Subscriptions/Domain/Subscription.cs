using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Subscriptions.Domain;

/// <summary>SPEC §7.1 billing states: active → past_due (a renewal failed) → suspended (unpaid after the grace period); any → cancelled.</summary>
public enum SubscriptionStatus
{
    Active,
    PastDue,
    Suspended,
    Cancelled,
}

/// <summary>Every allowed subscription transition, in one place.</summary>
public static class SubscriptionStates
{
    public static bool CanTransition(SubscriptionStatus from, SubscriptionStatus to) => from switch
    {
        SubscriptionStatus.Active => to is SubscriptionStatus.PastDue or SubscriptionStatus.Cancelled,
        SubscriptionStatus.PastDue => to is SubscriptionStatus.Active or SubscriptionStatus.Suspended or SubscriptionStatus.Cancelled,
        SubscriptionStatus.Suspended => to is SubscriptionStatus.Active or SubscriptionStatus.Cancelled,
        SubscriptionStatus.Cancelled => false,
    };
}

/// <summary>A change chosen to apply when the current period ends (a downgrade, fewer add-ons, another cycle), priced when chosen.</summary>
public sealed record PendingChange(string Plan, string PlanName, IReadOnlyList<string> Features, string BillingCycle, int CycleMonths,
    IReadOnlyList<BillingLine> Lines, long Discount, long Total, DateTimeOffset RequestedAt);

/// <summary>
/// One paid SaaS item's billing life. The row is also its own leased work (ADR 0002): <see cref="NextAttemptAt"/> is when
/// something is next due (a reminder, the renewal, a retry, suspension, the period-end cancellation, the deletion), and
/// the clock runner claims it then. The price snapshot (lines, discount, amount) is what each renewal charges: catalog
/// edits never change a running subscription; only a change the customer makes does.
/// </summary>
public sealed class Subscription : ILeasedWork<Subscription>
{
    public long Id { get; private set; }
    public Guid TenantId { get; init; }
    public Guid CustomerId { get; init; }
    public required string CustomerEmail { get; init; }
    public Guid OrderId { get; init; }
    public long OrderItemId { get; init; }
    public long ProductId { get; init; }
    public required string ProductSlug { get; init; }
    public required string ProductName { get; init; }
    public required string ProductType { get; init; }
    public string? Domain { get; init; }
    public required string Gateway { get; init; }

    /// <summary>The gateway's own subscription id, for gateways that keep one (Dodo Payments, PayPal); null on the sandbox.</summary>
    public string? GatewaySubscriptionId { get; private set; }

    /// <summary>
    /// The gateway (Dodo Payments, PayPal) bills this subscription on its own schedule and reports renewals by webhook; the
    /// clock never charges it, only waits for the report and runs dunning when it does not come.
    /// </summary>
    public bool GatewayRenews => Gateway != Payments.Contracts.GatewayNames.Sandbox;

    /// <summary>Records the gateway's subscription (once: a subscription never moves to another gateway subscription).</summary>
    public bool LinkGateway(string gatewaySubscriptionId, DateTimeOffset now)
    {
        if (GatewaySubscriptionId is not null) return false;
        GatewaySubscriptionId = gatewaySubscriptionId;
        Touch(now);
        return true;
    }

    public required string Plan { get; set; }
    public required string PlanName { get; set; }
    public required IReadOnlyList<string> Features { get; set; }
    public required string BillingCycle { get; set; }
    public int CycleMonths { get; set; }
    public required string Currency { get; init; }
    public required IReadOnlyList<BillingLine> Lines { get; set; }
    public long Discount { get; set; }

    /// <summary>Minor units charged per cycle.</summary>
    public long Amount { get; set; }

    public SubscriptionStatus Status { get; private set; } = SubscriptionStatus.Active;
    public DateTimeOffset CurrentPeriodStart { get; private set; }
    public DateTimeOffset CurrentPeriodEnd { get; private set; }
    public bool CancelAtPeriodEnd { get; private set; }
    public PendingChange? PendingChange { get; private set; }

    /// <summary>The order that paid the current period and what it paid for it (the base of a prorated refund).</summary>
    public Guid PeriodOrderId { get; private set; }
    public long PeriodPaidAmount { get; private set; }

    /// <summary>When the unpaid renewal was due; set while past due or suspended.</summary>
    public DateTimeOffset? DueSince { get; private set; }
    public int FailedAttempts { get; private set; }
    public DateTimeOffset? NextRetryAt { get; private set; }
    public string? LastFailure { get; private set; }

    /// <summary>The period end the renewal reminder was mailed for (once per period).</summary>
    public DateTimeOffset? ReminderSentFor { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTimeOffset? DeleteTenantAfter { get; private set; }
    public DateTimeOffset? TenantDeletedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency: the clock and a customer's request changing one subscription cannot both win.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public string? LastError { get; set; }

    public static Expression<Func<Subscription, bool>> Claimable => s => s.TenantDeletedAt == null;

    public static void OnClaim(UpdateSettersBuilder<Subscription> setters, DateTimeOffset now) { }

    public void Succeeded(DateTimeOffset now)
    {
        Attempts = 0;
        LastError = null;
    }

    public void WillRetry(DateTimeOffset now, DateTimeOffset nextAttemptAt, string error)
    {
        NextAttemptAt = nextAttemptAt;
        LastError = error;
    }

    public void GaveUp(DateTimeOffset now, string error)
    {
        // The row is the subscription: it is never given up, only looked at again later.
        Attempts = 0;
        NextAttemptAt = now.AddHours(1);
        LastError = error;
    }

    public static Subscription Start(SaasItemSnapshot item, Guid tenantId, string? domain, DateTimeOffset now) => new Subscription
    {
        TenantId = tenantId,
        CustomerId = item.CustomerId,
        CustomerEmail = item.CustomerEmail,
        OrderId = item.OrderId,
        OrderItemId = item.OrderItemId,
        ProductId = item.ProductId,
        ProductSlug = item.ProductSlug,
        ProductName = item.ProductName,
        ProductType = item.ProductType,
        Domain = domain,
        Gateway = item.Gateway,
        Plan = item.Plan,
        PlanName = item.Plan,
        Features = item.Features,
        BillingCycle = item.BillingCycle,
        CycleMonths = item.CycleMonths,
        Currency = item.Currency,
        Lines = item.Lines,
        Discount = item.Discount,
        Amount = item.Total,
        CreatedAt = now,
    }.Begin(item.PaidAt, item.OrderId, item.Total, now);

    private Subscription Begin(DateTimeOffset paidAt, Guid orderId, long paid, DateTimeOffset now)
    {
        CurrentPeriodStart = paidAt;
        CurrentPeriodEnd = paidAt.AddMonths(CycleMonths);
        PeriodOrderId = orderId;
        PeriodPaidAmount = paid;
        Touch(now);
        return this;
    }

    /// <summary>What the next renewal charges: the pending change's price when one waits for the period end.</summary>
    public long NextRenewalAmount => PendingChange?.Total ?? Amount;

    public bool IsLive => Status is SubscriptionStatus.Active or SubscriptionStatus.PastDue or SubscriptionStatus.Suspended;

    /// <summary>
    /// A paid renewal of the period ending <paramref name="renewedPeriodEnd"/>. Applied once: a second report of the same
    /// renewal finds the period already moved on and changes nothing (false). A subscription that was suspended lapsed, so
    /// its new period starts now; otherwise it continues from the current period's end. A waiting change applies with it.
    /// A gateway that bills on its own schedule says when it bills next (<paramref name="periodEnd"/>): the period ends then,
    /// so the two clocks agree.
    /// </summary>
    public bool ApplyRenewal(DateTimeOffset renewedPeriodEnd, Guid orderId, long paid, DateTimeOffset now, DateTimeOffset? periodEnd = null)
    {
        if (!IsLive || renewedPeriodEnd != CurrentPeriodEnd) return false;
        if (PendingChange is { } change)
        {
            Plan = change.Plan;
            PlanName = change.PlanName;
            Features = change.Features;
            BillingCycle = change.BillingCycle;
            CycleMonths = change.CycleMonths;
            Lines = change.Lines;
            Discount = change.Discount;
            Amount = change.Total;
            PendingChange = null;
        }
        var start = Status == SubscriptionStatus.Suspended ? now : CurrentPeriodEnd;
        CurrentPeriodStart = start;
        CurrentPeriodEnd = periodEnd is { } end && end > start ? end : start.AddMonths(CycleMonths);
        PeriodOrderId = orderId;
        PeriodPaidAmount = paid;
        Status = SubscriptionStatus.Active;
        DueSince = null;
        FailedAttempts = 0;
        NextRetryAt = null;
        LastFailure = null;
        Touch(now);
        return true;
    }

    /// <summary>A failed charge: past due from the renewal's due time; the next retry follows the schedule (days after it was due).</summary>
    public void RenewalFailed(string reason, IReadOnlyList<int> retryDays, TimeSpan suspendedRetryInterval, DateTimeOffset now)
    {
        if (!IsLive) return;
        DueSince ??= CurrentPeriodEnd;
        if (Status == SubscriptionStatus.Active) Move(SubscriptionStatus.PastDue);
        FailedAttempts++;
        LastFailure = reason.Length > 500 ? reason[..500] : reason;
        // The next scheduled retry still ahead (a clock that was away skips the ones it missed), then a steady interval.
        var due = DueSince.Value;
        NextRetryAt = retryDays.Skip(FailedAttempts - 1).Select(d => due.AddDays(d)).Cast<DateTimeOffset?>().FirstOrDefault(at => at > now)
            ?? now + suspendedRetryInterval;
        Touch(now);
    }

    public bool Suspend(DateTimeOffset now)
    {
        if (Status != SubscriptionStatus.PastDue) return false;
        Move(SubscriptionStatus.Suspended);
        Touch(now);
        return true;
    }

    public void ScheduleCancellation(bool atPeriodEnd, DateTimeOffset now)
    {
        CancelAtPeriodEnd = atPeriodEnd;
        Touch(now);
    }

    public bool Cancel(string reason, TimeSpan deletionGrace, DateTimeOffset now)
    {
        if (!IsLive) return false;
        Move(SubscriptionStatus.Cancelled);
        CancelledAt = now;
        CancelReason = reason;
        CancelAtPeriodEnd = false;
        PendingChange = null;
        NextRetryAt = null;
        DeleteTenantAfter = now + deletionGrace;
        Touch(now);
        return true;
    }

    /// <summary>The tenant's database is not gone yet (tenancy's grace period may be longer): look again then.</summary>
    public void CheckDeletionAgainAt(DateTimeOffset at)
    {
        DeleteTenantAfter = at;
        Touch(UpdatedAt);
    }

    public void TenantDeleted(DateTimeOffset now)
    {
        TenantDeletedAt = now;
        Touch(now);
    }

    public void ReminderSent(DateTimeOffset now)
    {
        ReminderSentFor = CurrentPeriodEnd;
        Touch(now);
    }

    /// <summary>An upgrade paid now: the new configuration and price apply at once, for the rest of this period and the renewals after.</summary>
    public void ApplyUpgrade(SaasPrice price, DateTimeOffset now)
    {
        Plan = price.Plan;
        PlanName = price.PlanName;
        Features = price.Features;
        Lines = price.Lines;
        Discount = price.Discount;
        Amount = price.Total;
        PendingChange = null;
        Touch(now);
    }

    public void DeferChange(SaasPrice price, DateTimeOffset now)
    {
        PendingChange = new PendingChange(price.Plan, price.PlanName, price.Features, price.BillingCycle, price.CycleMonths, price.Lines, price.Discount, price.Total, now);
        Touch(now);
    }

    public void DropPendingChange(DateTimeOffset now)
    {
        PendingChange = null;
        Touch(now);
    }

    /// <summary>The next moment something is due, given the policy; the clock runner claims the row then.</summary>
    public DateTimeOffset NextDueAt(SubscriptionsOptions options) => Status switch
    {
        SubscriptionStatus.PastDue or SubscriptionStatus.Suspended when CancelAtPeriodEnd => CurrentPeriodEnd,
        SubscriptionStatus.Active => ReminderAt(options) is { } reminder && reminder < CurrentPeriodEnd ? reminder
            // The gateway renews it: look again only if its renewal is not reported in time (a cancellation is due at the end itself).
            : GatewayRenews && !CancelAtPeriodEnd ? CurrentPeriodEnd + options.GatewayRenewalWait : CurrentPeriodEnd,
        SubscriptionStatus.PastDue => Min(NextRetryAt, DueSince!.Value + options.GracePeriod),
        SubscriptionStatus.Suspended => Min(NextRetryAt, DueSince!.Value + options.CancelUnpaidAfter),
        SubscriptionStatus.Cancelled => DeleteTenantAfter ?? DateTimeOffset.MaxValue,
    };

    /// <summary>When the renewal reminder of this period is due; null when none is (not annual, already sent, or disabled).</summary>
    public DateTimeOffset? ReminderAt(SubscriptionsOptions options) =>
        CycleMonths >= 12 && options.AnnualReminderDays > 0 && ReminderSentFor != CurrentPeriodEnd && !CancelAtPeriodEnd
            ? CurrentPeriodEnd.AddDays(-options.AnnualReminderDays)
            : null;

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private void Move(SubscriptionStatus next)
    {
        if (!SubscriptionStates.CanTransition(Status, next))
            throw new InvalidOperationException($"Subscription {Id} cannot go from {Status} to {next}.");
        Status = next;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }
}

/// <summary>One applied renewal, unique per subscription and renewed period: a renewal reported twice extends once.</summary>
public sealed class SubscriptionRenewal
{
    public long Id { get; private set; }
    public long SubscriptionId { get; init; }
    public DateTimeOffset RenewedPeriodEnd { get; init; }
    public DateTimeOffset NewPeriodStart { get; init; }
    public DateTimeOffset NewPeriodEnd { get; init; }
    public Guid OrderId { get; init; }
    public required string GatewayPaymentId { get; init; }
    public long Amount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
