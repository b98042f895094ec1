using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Modules.Subscriptions.Tenants;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Subscriptions.Billing;

/// <summary>A change a customer asks for; absent fields keep what the subscription has.</summary>
public sealed record ChangeRequest(string? Plan, IReadOnlyList<string>? Features, string? BillingCycle);

public abstract record ChangeOutcome
{
    public sealed record Quoted(ChangeQuote Quote, SaasPrice Price) : ChangeOutcome;
    public sealed record Applied(ChangeQuote Quote, SaasPrice Price, Guid? OrderId) : ChangeOutcome;
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : ChangeOutcome;
    public sealed record NotAllowed(string Reason) : ChangeOutcome;
    public sealed record Declined(string Reason) : ChangeOutcome;
}

/// <summary>
/// Every billing rule of a subscription in one place: renewals, dunning, changes, cancellation. Nothing is saved here;
/// the caller (the clock runner or an endpoint) commits the subscription, the order, the payment, the tenant change and the
/// mail in one unit of work.
/// </summary>
internal sealed partial class SubscriptionBilling(
    MarketplaceDbContext db,
    IRecurringBilling billing,
    IRecurringCharges charges,
    IGatewaySubscriptions gateways,
    ISubscriptionTenants tenants,
    IMailOutbox mail,
    IOptions<SubscriptionsOptions> options,
    TimeProvider time,
    ILogger<SubscriptionBilling> logger)
{
    private static readonly TimeSpan DeletionRecheck = TimeSpan.FromHours(1);

    private SubscriptionsOptions Policy => options.Value;

    /// <summary>
    /// Starts a subscription for each provisioned SaaS item of <paramref name="orderId"/> that has none yet (idempotent: one per
    /// order item, unique in the database). The first period starts when the order was paid.
    /// </summary>
    public async Task<int> StartForOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var recurring = await billing.RecurringItemIdsAsync(orderId, cancellationToken);
        if (recurring.Count == 0) return 0;
        var provisioned = await tenants.ForOrderItemsAsync(recurring, cancellationToken);
        if (provisioned.Count == 0) return 0;
        var itemIds = provisioned.Select(t => t.OrderItemId).ToList();
        var existing = await db.Set<Subscription>().AsNoTracking().Where(s => itemIds.Contains(s.OrderItemId)).Select(s => s.OrderItemId).ToListAsync(cancellationToken);
        var started = 0;
        foreach (var tenant in provisioned.Where(t => !existing.Contains(t.OrderItemId)))
        {
            if (db.Set<Subscription>().Local.Any(s => s.OrderItemId == tenant.OrderItemId)) continue;
            var item = await billing.SaasItemAsync(tenant.OrderItemId, cancellationToken);
            if (item is null) continue;
            var subscription = Subscription.Start(item, tenant.Id, tenant.Domain, time.GetUtcNow());
            // A gateway that keeps its own subscription may have reported it already (with the first payment); else it links later.
            // One gateway subscription per order: a second SaaS item of the same order is not linked to it.
            if (item.Gateway != GatewayNames.Sandbox
                && await gateways.ForOrderAsync(item.Gateway, orderId, cancellationToken) is { } gatewayId
                && !await GatewayIdTakenAsync(item.Gateway, gatewayId, cancellationToken))
                subscription.LinkGateway(gatewayId, time.GetUtcNow());
            subscription.NextAttemptAt = subscription.NextDueAt(Policy);
            db.Set<Subscription>().Add(subscription);
            started++;
        }
        return started;
    }

    public async Task<bool> GatewayIdTakenAsync(string gateway, string gatewayId, CancellationToken cancellationToken) =>
        db.Set<Subscription>().Local.Any(s => s.Gateway == gateway && s.GatewaySubscriptionId == gatewayId)
        || await db.Set<Subscription>().AnyAsync(s => s.Gateway == gateway && s.GatewaySubscriptionId == gatewayId, cancellationToken);

    /// <summary>Does whatever is due now, step by step (a clock that was away for weeks catches up), and schedules the next step.</summary>
    public async Task RunDueAsync(Subscription s, CancellationToken cancellationToken)
    {
        for (var step = 0; step < 12 && await StepAsync(s, cancellationToken); step++) { }
        s.NextAttemptAt = s.NextDueAt(Policy);
    }

    private async Task<bool> StepAsync(Subscription s, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        switch (s.Status)
        {
            case SubscriptionStatus.Active:
                if (now >= s.CurrentPeriodEnd && s.CancelAtPeriodEnd)
                {
                    await CancelAsync(s, "cancelled at period end", cancellationToken);
                    return true;
                }
                if (now >= s.CurrentPeriodEnd)
                {
                    if (s.GatewayRenews)
                    {
                        // The gateway charges it and reports by webhook; unreported after the wait, dunning starts as for a failed charge.
                        if (now < s.CurrentPeriodEnd + Policy.GatewayRenewalWait) return false;
                        if (await RecoverGatewayRenewalAsync(s, cancellationToken)) return true;
                        RecordRenewalFailure(s, $"{GatewayNames.Title(s.Gateway)} has not reported the renewal.", s.NextRenewalAmount);
                        return true;
                    }
                    await ChargeAsync(s, cancellationToken);
                    return true;
                }
                if (s.ReminderAt(Policy) is { } reminder && now >= reminder)
                {
                    Notice(s, "renewal_reminder", "Your subscription renews soon",
                        $"Your {s.BillingCycle} subscription renews on {Day(s.CurrentPeriodEnd)} for {M(s, s.NextRenewalAmount).Display()}.",
                        M(s, s.NextRenewalAmount), s.CurrentPeriodEnd);
                    s.ReminderSent(now);
                    return true;
                }
                return false;
            case SubscriptionStatus.PastDue or SubscriptionStatus.Suspended when s.CancelAtPeriodEnd:
                // The period this cancellation waited for is already over: end it now rather than charge again.
                await CancelAsync(s, "cancelled while the renewal was unpaid", cancellationToken);
                return true;
            case SubscriptionStatus.PastDue:
                if (s.NextRetryAt is { } retry && now >= retry)
                {
                    await ChargeAsync(s, cancellationToken);
                    return true;
                }
                if (now >= s.DueSince!.Value + Policy.GracePeriod)
                {
                    await SuspendForNonPaymentAsync(s, cancellationToken);
                    return true;
                }
                return false;
            case SubscriptionStatus.Suspended:
                if (now >= s.DueSince!.Value + Policy.CancelUnpaidAfter)
                {
                    await CancelAsync(s, "unpaid", cancellationToken);
                    return true;
                }
                if (s.NextRetryAt is { } again && now >= again)
                {
                    await ChargeAsync(s, cancellationToken);
                    return true;
                }
                return false;
            case SubscriptionStatus.Cancelled:
                if (s.TenantDeletedAt is null && s.DeleteTenantAfter is { } after && now >= after)
                {
                    // Tenancy drops the database on its own schedule; billing only notes when it is gone.
                    if (await tenants.IsDeletedAsync(s.TenantId, cancellationToken))
                    {
                        s.TenantDeleted(now);
                        LogTenantDeleted(logger, s.Id, s.TenantId);
                    }
                    else s.CheckDeletionAgainAt(now + DeletionRecheck);
                }
                return false;
        }
        return false;
    }

    /// <summary>
    /// Charges the renewal of the current period (sandbox: scripted outcome) and applies the answer. A tenant cancelled
    /// outside billing (an administrator, a refund) is never charged for again: its subscription is cancelled instead.
    /// </summary>
    public async Task<bool> ChargeAsync(Subscription s, CancellationToken cancellationToken)
    {
        if (await tenants.IsCancelledAsync(s.TenantId, cancellationToken))
        {
            await CancelAsync(s, "tenant cancelled", cancellationToken);
            return false;
        }
        var amount = s.NextRenewalAmount;
        if (s.GatewayRenews)
        {
            if (await RecoverGatewayRenewalAsync(s, cancellationToken)) return true;
            // The gateway retries its own charge; the retry time here is when the customer is reminded, as in sandbox dunning.
            RecordRenewalFailure(s, $"The renewal is still unpaid at {GatewayNames.Title(s.Gateway)}, which retries the charge itself.", amount);
            return false;
        }
        var orderId = Guid.CreateVersion7();
        var key = $"renewal:{s.Id}:{s.CurrentPeriodEnd.ToUnixTimeSeconds()}:{s.FailedAttempts}";
        var result = await charges.ChargeAsync(new RecurringCharge(s.Gateway, key, orderId, M(s, amount), s.CustomerEmail,
            $"{s.ProductName} renewal"), cancellationToken);
        if (result is { Succeeded: true, PaymentId: { } paymentId })
        {
            await ApplyRenewalPaidAsync(s, s.CurrentPeriodEnd, orderId, paymentId, amount, cancellationToken);
            s.NextAttemptAt = s.NextDueAt(Policy);
            return true;
        }
        RecordRenewalFailure(s, result.Error ?? "declined", amount);
        return false;
    }

    /// <summary>
    /// A renewal not paid: past due from when it was due, the next retry (or reminder, for a gateway that retries itself) on the
    /// schedule, a mail. The one dunning path for scheduled charges and gateway reports alike; the clock suspends after the grace period.
    /// </summary>
    public void RecordRenewalFailure(Subscription s, string reason, long amount)
    {
        var now = time.GetUtcNow();
        var wasActive = s.Status == SubscriptionStatus.Active;
        s.RenewalFailed(reason, Policy.RetryDays, Policy.SuspendedRetryInterval, now);
        LogRenewalFailed(logger, s.Id, s.FailedAttempts, reason);
        Notice(s, "renewal_failed", wasActive ? "Your renewal payment failed" : "Your renewal payment failed again",
            s.Status == SubscriptionStatus.Suspended
                ? $"We could not charge the renewal. The service stays suspended until it is paid; we try again on {Day(s.NextRetryAt!.Value)}."
                : $"We could not charge the renewal. We try again on {Day(s.NextRetryAt!.Value)}; unpaid by {Day(s.DueSince!.Value + Policy.GracePeriod)}, the service is suspended.",
            M(s, amount), s.NextRetryAt);
        s.NextAttemptAt = s.NextDueAt(Policy);
    }

    /// <summary>
    /// A renewal the gateway charged whose webhook never came (lost, or the endpoint was down past the gateway's retries):
    /// found at the gateway and applied as its webhook would have, before the renewal is taken for a failure.
    /// </summary>
    private async Task<bool> RecoverGatewayRenewalAsync(Subscription s, CancellationToken cancellationToken)
    {
        if (s.GatewaySubscriptionId is not { } gatewayId) return false;
        var unreported = await gateways.UnreportedChargesAsync(s.Gateway, gatewayId, s.CurrentPeriodStart, cancellationToken);
        if (unreported.Count == 0) return false;
        var charge = unreported[0];
        var orderId = Guid.CreateVersion7();
        if (!await ApplyRenewalPaidAsync(s, s.CurrentPeriodEnd, orderId, charge.PaymentId, charge.Amount.Amount, cancellationToken, charge.NextBillingAt))
            return false;
        gateways.RecordRenewalPayment(s.Gateway, charge, orderId);
        LogRecovered(logger, s.Id, s.Gateway, charge.PaymentId);
        return true;
    }

    /// <summary>Unpaid past the grace period: the tenant is suspended until the renewal is paid.</summary>
    public async Task<bool> SuspendForNonPaymentAsync(Subscription s, CancellationToken cancellationToken)
    {
        if (!s.Suspend(time.GetUtcNow())) return false;
        await tenants.SuspendAsync(s.TenantId, "non-payment", cancellationToken);
        Notice(s, "suspended", "Your service is suspended",
            "The renewal is still unpaid, so the service is suspended. Paying the renewal brings it back at once.",
            M(s, s.NextRenewalAmount), s.NextRetryAt);
        s.NextAttemptAt = s.NextDueAt(Policy);
        return true;
    }

    /// <summary>After the caller saved outside a leased-work handler: the mail sender learns of new mail (tenancy hooks its own save).</summary>
    public void Committed() => mail.WakeSender();

    /// <summary>
    /// A paid renewal of the period ending <paramref name="renewedPeriodEnd"/>: applied once however often it is reported
    /// (the ledger is unique per renewed period, and the period must still be the current one). Records the renewal order
    /// with its lines, resumes a tenant suspended for non-payment, applies a change waiting for the period end, mails a receipt.
    /// </summary>
    public async Task<bool> ApplyRenewalPaidAsync(Subscription s, DateTimeOffset renewedPeriodEnd, Guid orderId, string paymentId, long amount,
        CancellationToken cancellationToken, DateTimeOffset? newPeriodEnd = null)
    {
        var now = time.GetUtcNow();
        if (await db.Set<SubscriptionRenewal>().AnyAsync(r => r.SubscriptionId == s.Id && r.RenewedPeriodEnd == renewedPeriodEnd, cancellationToken)
            || db.Set<SubscriptionRenewal>().Local.Any(r => r.SubscriptionId == s.Id && r.RenewedPeriodEnd == renewedPeriodEnd))
            return false;
        var wasSuspended = s.Status == SubscriptionStatus.Suspended;
        var change = s.PendingChange;
        if (!s.ApplyRenewal(renewedPeriodEnd, orderId, amount, now, newPeriodEnd)) return false;

        var order = billing.AddPaidOrder(new BillingOrderRequest(orderId, s.CustomerId, s.CustomerEmail, s.Gateway, paymentId, s.Currency,
            s.ProductId, s.ProductSlug, s.ProductName, s.ProductType, s.Plan, s.Features, s.BillingCycle, SubdomainOf(s),
            s.Lines, s.Discount, amount, s.Amount, now));
        db.Set<SubscriptionRenewal>().Add(new SubscriptionRenewal
        {
            SubscriptionId = s.Id,
            RenewedPeriodEnd = renewedPeriodEnd,
            NewPeriodStart = s.CurrentPeriodStart,
            NewPeriodEnd = s.CurrentPeriodEnd,
            OrderId = orderId,
            GatewayPaymentId = paymentId,
            Amount = amount,
            CreatedAt = now,
        });
        if (change is not null) await tenants.ApplyPlanAsync(s.TenantId, s.Plan, s.Features, cancellationToken);
        if (wasSuspended)
        {
            await tenants.ResumeAsync(s.TenantId, cancellationToken);
            Notice(s, "resumed", "Your service is back", "The renewal is paid and the service runs again.", null, null);
        }
        mail.Enqueue(new SubscriptionReceiptMail(new MailRecipient(s.CustomerEmail, null), s.ProductName, s.Domain, "Renewal",
            order.OrderId, order.OrderNumber, s.Lines.Select(l => new MailPriceLine(l.Label, M(s, l.Amount))).ToList(), M(s, amount),
            s.CurrentPeriodEnd, M(s, s.NextRenewalAmount), now));
        s.NextAttemptAt = s.NextDueAt(Policy);
        LogRenewed(logger, s.Id, s.CurrentPeriodEnd);
        return true;
    }

    /// <summary>Prices a change and says what it costs now, what renewals then cost, and from when (nothing changes).</summary>
    public async Task<ChangeOutcome> PreviewAsync(Subscription s, ChangeRequest request, CancellationToken cancellationToken)
    {
        if (!s.IsLive || s.Status != SubscriptionStatus.Active)
            return new ChangeOutcome.NotAllowed(s.Status == SubscriptionStatus.Cancelled
                ? "The subscription is cancelled." : "Pay the overdue renewal before changing the subscription.");
        if (s.GatewayRenews)
            return new ChangeOutcome.NotAllowed($"{GatewayNames.Title(s.Gateway)} bills this subscription at a fixed price, so its plan cannot be changed here: "
                + "cancel it at the period end and buy the new plan.");
        var priced = await billing.PriceSaasAsync(s.ProductSlug, request.Plan ?? s.Plan, request.Features ?? s.Features,
            request.BillingCycle ?? s.BillingCycle, cancellationToken);
        if (priced is SaasPriceResult.Invalid invalid) return new ChangeOutcome.Invalid(invalid.Errors);
        var price = ((SaasPriceResult.Priced)priced).Price;
        if (!string.Equals(price.Currency, s.Currency, StringComparison.Ordinal))
            return new ChangeOutcome.NotAllowed("The product is now priced in another currency; contact support to change it.");
        var quote = Proration.Quote(s.Amount, s.BillingCycle, price.Total, price.BillingCycle, s.CurrentPeriodStart, s.CurrentPeriodEnd, time.GetUtcNow());
        return new ChangeOutcome.Quoted(quote, price);
    }

    /// <summary>
    /// Applies a change. An upgrade charges the prorated difference now and, once paid, takes effect at once (limits and
    /// features in the tenant too); anything else waits for the period end. The same configuration as now clears a waiting change.
    /// </summary>
    public async Task<ChangeOutcome> ApplyChangeAsync(Subscription s, ChangeRequest request, CancellationToken cancellationToken)
    {
        var preview = await PreviewAsync(s, request, cancellationToken);
        if (preview is not ChangeOutcome.Quoted (var quote, var price)) return preview;
        var now = time.GetUtcNow();
        if (quote.Timing == ChangeTiming.AtPeriodEnd)
        {
            var same = price.Plan == s.Plan && price.BillingCycle == s.BillingCycle && price.Features.Order().SequenceEqual(s.Features.Order());
            if (same) s.DropPendingChange(now);
            else
            {
                s.DeferChange(price, now);
                Notice(s, "change_scheduled", "Your subscription change is scheduled",
                    $"From {Day(s.CurrentPeriodEnd)} your subscription is {price.PlanName}, {price.BillingCycle}, at {M(s, price.Total).Display()} per cycle.",
                    M(s, price.Total), s.CurrentPeriodEnd);
            }
            s.NextAttemptAt = s.NextDueAt(Policy);
            return new ChangeOutcome.Applied(quote, price, null);
        }

        Guid? orderId = null;
        if (quote.AmountDueNow > 0)
        {
            if (!charges.ChargesOnSchedule(s.Gateway))
                return new ChangeOutcome.NotAllowed($"Upgrades of subscriptions paid with {s.Gateway} are made at the gateway.");
            var id = Guid.CreateVersion7();
            var result = await charges.ChargeAsync(new RecurringCharge(s.Gateway, $"upgrade:{s.Id}:{id}", id, M(s, quote.AmountDueNow), s.CustomerEmail,
                $"{s.ProductName} upgrade"), cancellationToken);
            if (result is not { Succeeded: true, PaymentId: { } paymentId }) return new ChangeOutcome.Declined(result.Error ?? "The payment was declined.");
            var lines = new List<BillingLine>
            {
                new($"Change to {price.PlanName} ({string.Join(", ", price.Features.DefaultIfEmpty("no add-ons"))}), prorated until {Day(s.CurrentPeriodEnd)}", quote.AmountDueNow),
            };
            var order = billing.AddPaidOrder(new BillingOrderRequest(id, s.CustomerId, s.CustomerEmail, s.Gateway, paymentId, s.Currency,
                s.ProductId, s.ProductSlug, s.ProductName, s.ProductType, price.Plan, price.Features, price.BillingCycle, SubdomainOf(s),
                lines, 0, quote.AmountDueNow, null, now));
            orderId = order.OrderId;
            mail.Enqueue(new SubscriptionReceiptMail(new MailRecipient(s.CustomerEmail, null), s.ProductName, s.Domain, "Upgrade",
                order.OrderId, order.OrderNumber, lines.Select(l => new MailPriceLine(l.Label, M(s, l.Amount))).ToList(), M(s, quote.AmountDueNow),
                s.CurrentPeriodEnd, M(s, price.Total), now));
        }
        s.ApplyUpgrade(price, now);
        await tenants.ApplyPlanAsync(s.TenantId, price.Plan, price.Features, cancellationToken);
        s.NextAttemptAt = s.NextDueAt(Policy);
        return new ChangeOutcome.Applied(quote, price, orderId);
    }

    /// <summary>Cancels at the period end (or undoes that), at the gateway first when it keeps the subscription.</summary>
    public async Task ScheduleCancellationAsync(Subscription s, bool cancel, CancellationToken cancellationToken)
    {
        if (s.GatewaySubscriptionId is { } gatewayId)
        {
            if (cancel) await gateways.CancelAsync(s.Gateway, gatewayId, atPeriodEnd: true, cancellationToken);
            else await gateways.UndoCancellationAsync(s.Gateway, gatewayId, cancellationToken);
        }
        ScheduleCancellation(s, cancel);
    }

    /// <summary>Why a cancellation at the period end cannot be undone (the gateway cancelled for good), or null when it can.</summary>
    public string? CannotResume(Subscription s) =>
        s.CancelAtPeriodEnd && s.GatewaySubscriptionId is not null && !gateways.CanUndoCancellation(s.Gateway)
            ? $"The subscription is cancelled at {GatewayNames.Title(s.Gateway)}, which cannot undo it; buy the product again when the period ends."
            : null;

    /// <summary>Here only: the gateway already knows (it reported the cancellation).</summary>
    public void ScheduleCancellation(Subscription s, bool cancel)
    {
        s.ScheduleCancellation(cancel, time.GetUtcNow());
        if (cancel)
            Notice(s, "cancellation_scheduled", "Your subscription ends at the end of the period",
                $"The service runs until {Day(s.CurrentPeriodEnd)} and is not renewed. You can resume the subscription until then.", null, s.CurrentPeriodEnd);
        s.NextAttemptAt = s.NextDueAt(Policy);
    }

    /// <summary>Cancels now: the tenant is suspended at once and deleted after the grace period. A gateway subscription stops billing at the gateway too, unless the gateway reported the cancellation (<paramref name="atGateway"/> false).</summary>
    public async Task<bool> CancelAsync(Subscription s, string reason, CancellationToken cancellationToken, bool atGateway = true)
    {
        if (!s.IsLive) return false;
        if (atGateway && s.GatewaySubscriptionId is { } gatewayId)
            await gateways.CancelAsync(s.Gateway, gatewayId, atPeriodEnd: false, cancellationToken);
        var now = time.GetUtcNow();
        if (!s.Cancel(reason, Policy.DeletionGrace, now)) return false;
        await tenants.CancelAsync(s.TenantId, reason, cancellationToken);
        Notice(s, "cancelled", "Your subscription is cancelled",
            $"The service is suspended; its data is deleted on {Day(s.DeleteTenantAfter!.Value)}.", null, s.DeleteTenantAfter);
        s.NextAttemptAt = s.NextDueAt(Policy);
        LogCancelled(logger, s.Id, reason);
        return true;
    }

    private void Notice(Subscription s, string topic, string headline, string detail, Money? amount, DateTimeOffset? at) =>
        mail.Enqueue(new SubscriptionNoticeMail(new MailRecipient(s.CustomerEmail, null), topic, s.ProductName, s.Domain, headline, detail,
            amount, at, $"/account/tenants/{s.TenantId}/subscription"));

    private static Money M(Subscription s, long amount) => new(amount, s.Currency);

    private static string? SubdomainOf(Subscription s) => s.Domain?.Split('.')[0];

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} renewed until {PeriodEnd}")]
    private static partial void LogRenewed(ILogger logger, long subscriptionId, DateTimeOffset periodEnd);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId}: renewal charge failed (attempt {Attempt}): {Reason}")]
    private static partial void LogRenewalFailed(ILogger logger, long subscriptionId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId}: {Gateway} renewal payment {PaymentId} was never reported; found at the gateway and applied")]
    private static partial void LogRecovered(ILogger logger, long subscriptionId, string gateway, string paymentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} cancelled ({Reason})")]
    private static partial void LogCancelled(ILogger logger, long subscriptionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId}: tenant {TenantId} deleted after the grace period")]
    private static partial void LogTenantDeleted(ILogger logger, long subscriptionId, Guid tenantId);
}
