using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Subscriptions.Billing;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Subscriptions.Api;

/// <summary>Administrators: subscriptions by status, cancel (immediately with a prorated refund, or at period end), resume, bulk. Audited.</summary>
internal static class AdminSubscriptionEndpoints
{
    private const int MaxBulk = 500;

    public static RouteGroupBuilder MapAdminSubscriptionApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/subscriptions").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("", List).WithName("AdminSubscriptions");
        admin.MapGet("/{id:long}", Get).WithName("AdminSubscription");
        admin.MapPost("/{id:long}/cancel", Cancel).WithName("AdminCancelSubscription")
            .WithSummary("Cancels now with a prorated refund of the current period (default), or at the period end.");
        admin.MapPost("/{id:long}/resume", Resume).WithName("AdminResumeSubscription").WithSummary("Undoes a cancellation scheduled for the period end.");
        admin.MapPost("/bulk", Bulk).WithName("AdminSubscriptionsBulk")
            .WithSummary("cancel_at_period_end, resume, retry_now or cancel_now (no refund) on many subscriptions; one result per id.");
        admin.MapGet("/sandbox-renewals", (SandboxRenewalScript script) => TypedResults.Ok(new SandboxRenewalsView(script.Outcome)))
            .WithName("AdminSandboxRenewals");
        admin.MapPut("/sandbox-renewals", SetSandboxOutcome).WithName("AdminSetSandboxRenewals")
            .WithSummary("Scripts how the sandbox answers scheduled charges on this node: succeed or decline (demos and tests).");
        return api;
    }

    private static async Task<Results<Ok<Paged<SubscriptionView>>, ValidationProblem>> List(
        MarketplaceDbContext db, [FromQuery] string? status, [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (p, size) = Paging.Read(page, pageSize, errors);
        SubscriptionStatus? wanted = null;
        if (status is not null && (wanted = WireNames.FromWireName<SubscriptionStatus>(status)) is null)
            errors["status"] = [$"Use one of: {WireNames.Choices<SubscriptionStatus>()}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var rows = db.Set<Subscription>().AsNoTracking();
        if (wanted is { } w) rows = rows.Where(s => s.Status == w);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(s => s.CurrentPeriodEnd).ThenBy(s => s.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<SubscriptionView>(items.Select(SubscriptionView.Of).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> Get(long id, MarketplaceDbContext db, CancellationToken ct) =>
        await db.Set<Subscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s
            ? TypedResults.Ok(SubscriptionView.Of(s)) : CustomerSubscriptionEndpoints.NotFound();

    private static async Task<Results<Ok<AdminCancelView>, ProblemHttpResult>> Cancel(
        long id, AdminCancelBody? body, ClaimsPrincipal user, MarketplaceDbContext db, SubscriptionBilling billing, IPaymentRefunds refunds,
        IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var s = await db.Set<Subscription>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return CustomerSubscriptionEndpoints.NotFound();
        if (s.Status == SubscriptionStatus.Cancelled) return CustomerSubscriptionEndpoints.Conflict("The subscription is already cancelled.");
        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? "cancelled by an administrator" : body.Reason.Trim()[..Math.Min(body.Reason.Trim().Length, 200)];
        if (body?.Immediately == false)
        {
            await billing.ScheduleCancellationAsync(s, true, ct);
            audit.Record(user, "subscription.cancel_at_period_end", "subscription", id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { reason });
            return await CustomerSubscriptionEndpoints.SaveAsync(db, billing, ct) is { } c1 ? c1 : TypedResults.Ok(new AdminCancelView(SubscriptionView.Of(s), null, null, null));
        }

        // The unused share of what paid the current period, computed before the cancellation ends it.
        var refund = body?.Refund == false || s.Status != SubscriptionStatus.Active
            ? 0 : Proration.Share(s.PeriodPaidAmount, s.CurrentPeriodStart, s.CurrentPeriodEnd, time.GetUtcNow());
        await billing.CancelAsync(s, reason, ct);
        audit.Record(user, "subscription.cancel", "subscription", id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { reason, refund });
        if (await CustomerSubscriptionEndpoints.SaveAsync(db, billing, ct) is { } c2) return c2;
        if (refund <= 0) return TypedResults.Ok(new AdminCancelView(SubscriptionView.Of(s), null, null, null));

        // After the cancellation committed: a refund the gateway refuses leaves the cancellation standing and says why.
        var outcome = await refunds.RefundAsync(new OrderRefundCommand(s.PeriodOrderId, s.Gateway, [], new Money(refund, s.Currency),
            $"Subscription cancelled: unused part of the period ({reason})", user.Identity?.Name ?? user.UserId()?.ToString() ?? "admin"), ct);
        return TypedResults.Ok(outcome switch
        {
            RefundOutcome.Accepted a => new AdminCancelView(SubscriptionView.Of(s), a.Status, a.Amount, null),
            RefundOutcome.Refused r => new AdminCancelView(SubscriptionView.Of(s), "refused", new Money(refund, s.Currency), r.Reason),
            _ => new AdminCancelView(SubscriptionView.Of(s), null, null, null),
        });
    }

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> Resume(
        long id, ClaimsPrincipal user, MarketplaceDbContext db, SubscriptionBilling billing, IAuditLog audit, CancellationToken ct)
    {
        var s = await db.Set<Subscription>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return CustomerSubscriptionEndpoints.NotFound();
        if (s.Status == SubscriptionStatus.Cancelled) return CustomerSubscriptionEndpoints.Conflict("The subscription has ended.");
        if (billing.CannotResume(s) is { } why) return CustomerSubscriptionEndpoints.Conflict(why);
        if (s.CancelAtPeriodEnd) await billing.ScheduleCancellationAsync(s, false, ct);
        audit.Record(user, "subscription.resume", "subscription", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await CustomerSubscriptionEndpoints.SaveAsync(db, billing, ct) is { } c ? c : TypedResults.Ok(SubscriptionView.Of(s));
    }

    private static async Task<Results<Ok<SubscriptionBulkView>, ValidationProblem, ProblemHttpResult>> Bulk(
        SubscriptionBulkBody body, ClaimsPrincipal user, SubscriptionBulk bulk, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Ids is not { Count: > 0 } ids || ids.Count > MaxBulk) errors["ids"] = [$"Give 1 to {MaxBulk} subscription ids."];
        if (body.Action is null || !SubscriptionBulk.Actions.Contains(body.Action)) errors["action"] = [$"Use one of: {string.Join(", ", SubscriptionBulk.Actions)}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The bulk action is not valid.");
        var results = await bulk.ApplyAsync(body.Ids!, body.Action!, user, ct);
        return results is null ? CustomerSubscriptionEndpoints.Conflict("A subscription changed meanwhile; reload and try again.") : TypedResults.Ok(new SubscriptionBulkView(results));
    }

    private static Results<Ok<SandboxRenewalsView>, ValidationProblem> SetSandboxOutcome(
        SandboxRenewalsBody body, ClaimsPrincipal user, SandboxRenewalScript script, IAuditLog audit)
    {
        if (body.Outcome is not ("succeed" or "decline"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["outcome"] = ["Use succeed or decline."] });
        script.Decline = body.Outcome == "decline";
        audit.Record(user, "sandbox.renewal_outcome", "sandbox", "renewals", new { outcome = body.Outcome });
        return TypedResults.Ok(new SandboxRenewalsView(script.Outcome));
    }
}
