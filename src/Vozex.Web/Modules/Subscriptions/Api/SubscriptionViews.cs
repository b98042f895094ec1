using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Subscriptions.Api;

public sealed record PendingChangeView(string Plan, IReadOnlyList<string> Features, string BillingCycle, Money Amount, DateTimeOffset EffectiveAt);

public sealed record SubscriptionView(
    long Id, Guid TenantId, string ProductName, string? Domain, string Status, string Plan, IReadOnlyList<string> Features,
    string BillingCycle, Money Amount, DateTimeOffset CurrentPeriodStart, DateTimeOffset CurrentPeriodEnd, Money NextRenewalAmount,
    bool CancelAtPeriodEnd, PendingChangeView? PendingChange, string Gateway, string? GatewaySubscriptionId, string PaymentMethodState,
    DateTimeOffset? NextRetryAt, int FailedAttempts, string? LastFailure, DateTimeOffset? CancelledAt, DateTimeOffset? DeleteTenantAfter,
    Guid CustomerId, string CustomerEmail, DateTimeOffset CreatedAt)
{
    public static SubscriptionView Of(Subscription s) => new(
        s.Id, s.TenantId, s.ProductName, s.Domain, s.Status.WireName(), s.Plan, s.Features, s.BillingCycle, new Money(s.Amount, s.Currency),
        s.CurrentPeriodStart, s.CurrentPeriodEnd, new Money(s.NextRenewalAmount, s.Currency), s.CancelAtPeriodEnd,
        s.PendingChange is { } p ? new PendingChangeView(p.Plan, p.Features, p.BillingCycle, new Money(p.Total, s.Currency), s.CurrentPeriodEnd) : null,
        s.Gateway, s.GatewaySubscriptionId, PaymentMethodOf(s), s.NextRetryAt, s.FailedAttempts, s.LastFailure, s.CancelledAt, s.DeleteTenantAfter,
        s.CustomerId, s.CustomerEmail, s.CreatedAt);

    /// <summary>How the card on file is doing, as the dashboard shows it: fine, failing (renewal declined) or none (cancelled).</summary>
    private static string PaymentMethodOf(Subscription s) => s.Status switch
    {
        SubscriptionStatus.Active => "ok",
        SubscriptionStatus.PastDue or SubscriptionStatus.Suspended => "failing",
        SubscriptionStatus.Cancelled => "none",
    };
}

public sealed record ChangeBody(string? Plan, IReadOnlyList<string>? Features, string? BillingCycle);

public sealed record ChangePreviewView(Money AmountDueNow, Money NextRenewalAmount, DateTimeOffset EffectiveAt, string Timing, string Plan,
    IReadOnlyList<string> Features, string BillingCycle, IReadOnlyList<PriceLineView> Lines);

public sealed record ChangeAppliedView(Money AmountDueNow, Money NextRenewalAmount, DateTimeOffset EffectiveAt, string Timing, Guid? OrderId, SubscriptionView Subscription);

public sealed record PriceLineView(string Label, Money Amount);

public sealed record CancelBody(bool? AtPeriodEnd);

public sealed record AdminCancelBody(bool? Immediately, bool? Refund, string? Reason);

public sealed record AdminCancelView(SubscriptionView Subscription, string? RefundStatus, Money? RefundAmount, string? RefundError);

public sealed record SubscriptionBulkBody(IReadOnlyList<long>? Ids, string? Action);

public sealed record SubscriptionBulkResult(long Id, string Outcome, string? Status);

public sealed record SubscriptionBulkView(IReadOnlyList<SubscriptionBulkResult> Results);

public sealed record SandboxRenewalsBody(string? Outcome);

public sealed record SandboxRenewalsView(string Outcome);
