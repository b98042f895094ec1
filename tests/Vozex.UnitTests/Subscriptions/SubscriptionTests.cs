using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Subscriptions;
using Vozex.Web.Modules.Subscriptions.Domain;

namespace Vozex.UnitTests.Subscriptions;

/// <summary>A subscription's billing states and periods, without a database.</summary>
public sealed class SubscriptionTests
{
    private static readonly DateTimeOffset Paid = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly SubscriptionsOptions Policy = new();

    private static Subscription Monthly(int months = 1, string gateway = "sandbox") => Subscription.Start(new SaasItemSnapshot(
        Guid.NewGuid(), "VZX-1", 1, Guid.NewGuid(), "a@example.com", gateway, 7, "p", "Product", "hotel_management", "basic", [],
        months == 12 ? "annual" : "monthly", months, "USD", [new BillingLine("Basic plan × 1 month", 9_900)], 0, 9_900, Paid), Guid.NewGuid(), "x.localhost", Paid);

    [Fact]
    public void A_gateway_billed_subscription_is_next_due_only_when_the_gateway_is_late_with_the_renewal_or_a_cancellation_is_due()
    {
        var s = Monthly(gateway: "dodo_payments");
        Assert.True(s.GatewayRenews);
        Assert.Equal(s.CurrentPeriodEnd + Policy.GatewayRenewalWait, s.NextDueAt(Policy));
        s.ScheduleCancellation(true, Paid.AddDays(3));
        Assert.Equal(s.CurrentPeriodEnd, s.NextDueAt(Policy));
        Assert.False(Monthly().GatewayRenews);
        Assert.Equal(Monthly().CurrentPeriodEnd, Monthly().NextDueAt(Policy));
    }

    [Fact]
    public void A_gateway_renewal_ends_the_period_when_the_gateway_bills_next_and_a_gateway_id_is_recorded_once()
    {
        var s = Monthly(gateway: "paypal");
        Assert.True(s.LinkGateway("I-1", Paid));
        Assert.False(s.LinkGateway("I-2", Paid));
        Assert.Equal("I-1", s.GatewaySubscriptionId);
        var gatewayNext = Paid.AddMonths(2).AddMinutes(-3);
        Assert.True(s.ApplyRenewal(s.CurrentPeriodEnd, Guid.NewGuid(), 9_900, Paid.AddMonths(1), gatewayNext));
        Assert.Equal(gatewayNext, s.CurrentPeriodEnd);
        // A date not after the new period's start is not believed: the cycle decides.
        var end = s.CurrentPeriodEnd;
        Assert.True(s.ApplyRenewal(end, Guid.NewGuid(), 9_900, end, end.AddDays(-1)));
        Assert.Equal(end.AddMonths(1), s.CurrentPeriodEnd);
    }

    [Fact]
    public void A_renewal_paid_in_time_continues_from_the_period_end()
    {
        var s = Monthly();
        Assert.Equal(Paid.AddMonths(1), s.CurrentPeriodEnd);
        Assert.True(s.ApplyRenewal(s.CurrentPeriodEnd, Guid.NewGuid(), 9_900, Paid.AddMonths(1).AddMinutes(5)));
        Assert.Equal(Paid.AddMonths(1), s.CurrentPeriodStart);
        Assert.Equal(Paid.AddMonths(2), s.CurrentPeriodEnd);
    }

    [Fact]
    public void The_same_renewal_reported_twice_extends_once()
    {
        var s = Monthly();
        var renewed = s.CurrentPeriodEnd;
        Assert.True(s.ApplyRenewal(renewed, Guid.NewGuid(), 9_900, renewed));
        Assert.False(s.ApplyRenewal(renewed, Guid.NewGuid(), 9_900, renewed.AddSeconds(1)));
        Assert.Equal(Paid.AddMonths(2), s.CurrentPeriodEnd);
    }

    [Fact]
    public void A_failed_renewal_is_past_due_and_retried_on_days_1_3_and_5_after_it_was_due_then_weekly()
    {
        var s = Monthly();
        var due = s.CurrentPeriodEnd;
        s.RenewalFailed("declined", Policy.RetryDays, Policy.SuspendedRetryInterval, due);
        Assert.Equal(SubscriptionStatus.PastDue, s.Status);
        Assert.Equal(due.AddDays(1), s.NextRetryAt);
        s.RenewalFailed("declined", Policy.RetryDays, Policy.SuspendedRetryInterval, due.AddDays(1));
        Assert.Equal(due.AddDays(3), s.NextRetryAt);
        s.RenewalFailed("declined", Policy.RetryDays, Policy.SuspendedRetryInterval, due.AddDays(3));
        Assert.Equal(due.AddDays(5), s.NextRetryAt);
        s.RenewalFailed("declined", Policy.RetryDays, Policy.SuspendedRetryInterval, due.AddDays(5));
        Assert.Equal(due.AddDays(12), s.NextRetryAt);
        Assert.Equal(due.AddDays(7), s.NextDueAt(Policy)); // the grace period ends before that retry
    }

    [Fact]
    public void Cancelling_while_the_renewal_is_unpaid_is_due_at_once_instead_of_the_next_retry()
    {
        var s = Monthly();
        var due = s.CurrentPeriodEnd;
        s.RenewalFailed("declined", Policy.RetryDays, Policy.SuspendedRetryInterval, due);
        s.ScheduleCancellation(true, due.AddHours(2));
        Assert.Equal(due, s.NextDueAt(Policy));
    }

    [Fact]
    public void A_renewal_paid_after_suspension_starts_the_new_period_now()
    {
        var s = Monthly();
        var due = s.CurrentPeriodEnd;
        s.RenewalFailed("declined", Policy.RetryDays, Policy.SuspendedRetryInterval, due);
        Assert.True(s.Suspend(due.AddDays(7)));
        var paidAt = due.AddDays(12);
        Assert.True(s.ApplyRenewal(due, Guid.NewGuid(), 9_900, paidAt));
        Assert.Equal(SubscriptionStatus.Active, s.Status);
        Assert.Equal(paidAt, s.CurrentPeriodStart);
        Assert.Equal(paidAt.AddMonths(1), s.CurrentPeriodEnd);
        Assert.Null(s.DueSince);
    }

    [Fact]
    public void A_cancelled_subscription_takes_no_renewal_and_is_next_due_when_its_tenant_is_deleted()
    {
        var s = Monthly();
        var at = Paid.AddDays(3);
        Assert.True(s.Cancel("test", TimeSpan.FromDays(30), at));
        Assert.False(s.ApplyRenewal(s.CurrentPeriodEnd, Guid.NewGuid(), 9_900, at));
        Assert.Equal(at.AddDays(30), s.NextDueAt(Policy));
        Assert.False(SubscriptionStates.CanTransition(SubscriptionStatus.Cancelled, SubscriptionStatus.Active));
    }

    [Fact]
    public void An_annual_subscription_is_next_due_for_its_reminder_a_week_before_renewal_once()
    {
        var s = Monthly(12);
        Assert.Equal(Paid.AddMonths(12).AddDays(-7), s.NextDueAt(Policy));
        s.ReminderSent(Paid.AddMonths(12).AddDays(-7));
        Assert.Equal(Paid.AddMonths(12), s.NextDueAt(Policy));
        Assert.Equal(Paid.AddMonths(1), Monthly().NextDueAt(Policy)); // monthly: no reminder
    }

    [Fact]
    public void A_waiting_change_applies_with_the_renewal()
    {
        var s = Monthly();
        s.DeferChange(new SaasPrice("enterprise", "Enterprise", ["a"], "monthly", 1, "USD", [new BillingLine("Enterprise", 44_900)], 0, 44_900), Paid.AddDays(2));
        Assert.Equal(44_900, s.NextRenewalAmount);
        Assert.Equal("basic", s.Plan);
        s.ApplyRenewal(s.CurrentPeriodEnd, Guid.NewGuid(), 44_900, s.CurrentPeriodEnd);
        Assert.Equal("enterprise", s.Plan);
        Assert.Equal(44_900, s.Amount);
        Assert.Null(s.PendingChange);
    }
}
