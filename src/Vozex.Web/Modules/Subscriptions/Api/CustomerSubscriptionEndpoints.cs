using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Subscriptions.Billing;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Subscriptions.Api;

/// <summary>The customer's side (API.md "Customer dashboard"): see, change, cancel and resume a tenant's subscription. Another customer's → 404.</summary>
internal static class CustomerSubscriptionEndpoints
{
    public static RouteGroupBuilder MapCustomerSubscriptionApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/tenants/{id:guid}").RequireAuthorization(Policies.Customer).WithTags("Dashboard");
        me.MapGet("/subscription", Get).WithName("MyTenantSubscription");
        me.MapPost("/change-preview", Preview).WithName("MyTenantChangePreview")
            .WithSummary("What a plan, add-on or cycle change costs now, what renewals then cost, and from when. Nothing changes.");
        me.MapPost("/change", Change).WithName("MyTenantChange")
            .WithSummary("Upgrades charge the prorated difference and apply at once; other changes apply at the period end.");
        me.MapPost("/cancel", Cancel).WithName("MyTenantCancel").WithSummary("Cancels at the end of the current period.");
        me.MapPost("/subscription/resume", Resume).WithName("MyTenantResumeSubscription").WithSummary("Undoes a cancellation before the period ends.");
        me.MapPost("/subscription/pay", PayNow).WithName("MyTenantPayRenewal").WithSummary("Tries the overdue renewal again now.");
        return api;
    }

    internal static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such subscription.");

    internal static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    private static Task<Subscription?> MineAsync(MarketplaceDbContext db, Guid tenantId, ClaimsPrincipal user, CancellationToken ct)
    {
        var customer = user.RequiredUserId();
        return db.Set<Subscription>().FirstOrDefaultAsync(s => s.TenantId == tenantId && s.CustomerId == customer, ct);
    }

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, MarketplaceDbContext db, CancellationToken ct) =>
        await MineAsync(db, id, user, ct) is { } s ? TypedResults.Ok(SubscriptionView.Of(s)) : NotFound();

    private static async Task<Results<Ok<ChangePreviewView>, ValidationProblem, ProblemHttpResult>> Preview(
        Guid id, ChangeBody? body, ClaimsPrincipal user, MarketplaceDbContext db, SubscriptionBilling billing, CancellationToken ct)
    {
        var s = await MineAsync(db, id, user, ct);
        if (s is null) return NotFound();
        var outcome = await billing.PreviewAsync(s, Request(body), ct);
        return outcome switch
        {
            ChangeOutcome.Quoted q => TypedResults.Ok(new ChangePreviewView(new Money(q.Quote.AmountDueNow, s.Currency), new Money(q.Quote.NextRenewalAmount, s.Currency),
                q.Quote.EffectiveAt, q.Quote.Timing.WireName(), q.Price.Plan, q.Price.Features, q.Price.BillingCycle,
                q.Price.Lines.Select(l => new PriceLineView(l.Label, new Money(l.Amount, s.Currency))).ToList())),
            ChangeOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors.ToDictionary(), title: "The change is not valid."),
            ChangeOutcome.NotAllowed n => Conflict(n.Reason),
            _ => Conflict("The change cannot be previewed."),
        };
    }

    private static async Task<Results<Ok<ChangeAppliedView>, ValidationProblem, ProblemHttpResult>> Change(
        Guid id, ChangeBody? body, ClaimsPrincipal user, MarketplaceDbContext db, SubscriptionBilling billing, CancellationToken ct)
    {
        var s = await MineAsync(db, id, user, ct);
        if (s is null) return NotFound();
        var outcome = await billing.ApplyChangeAsync(s, Request(body), ct);
        switch (outcome)
        {
            case ChangeOutcome.Applied applied:
                if (await SaveAsync(db, billing, ct) is { } conflict) return conflict;
                return TypedResults.Ok(new ChangeAppliedView(new Money(applied.Quote.AmountDueNow, s.Currency), new Money(applied.Quote.NextRenewalAmount, s.Currency),
                    applied.Quote.EffectiveAt, applied.Quote.Timing.WireName(), applied.OrderId, SubscriptionView.Of(s)));
            case ChangeOutcome.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors.ToDictionary(), title: "The change is not valid.");
            case ChangeOutcome.Declined declined:
                return TypedResults.Problem(statusCode: StatusCodes.Status402PaymentRequired, title: "Payment declined", detail: declined.Reason);
            case ChangeOutcome.NotAllowed n:
                return Conflict(n.Reason);
            default:
                return Conflict("The change cannot be applied.");
        }
    }

    private static async Task<Results<Ok<SubscriptionView>, ValidationProblem, ProblemHttpResult>> Cancel(
        Guid id, CancelBody? body, ClaimsPrincipal user, MarketplaceDbContext db, SubscriptionBilling billing, CancellationToken ct)
    {
        if (body?.AtPeriodEnd == false)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["at_period_end"] = ["Customers cancel at the end of the period; ask support for an immediate cancellation with a refund."],
            });
        var s = await MineAsync(db, id, user, ct);
        if (s is null) return NotFound();
        if (s.Status == SubscriptionStatus.Cancelled) return Conflict("The subscription is already cancelled.");
        if (!s.CancelAtPeriodEnd) await billing.ScheduleCancellationAsync(s, true, ct);
        return await SaveAsync(db, billing, ct) is { } conflict ? conflict : TypedResults.Ok(SubscriptionView.Of(s));
    }

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> Resume(
        Guid id, ClaimsPrincipal user, MarketplaceDbContext db, SubscriptionBilling billing, CancellationToken ct)
    {
        var s = await MineAsync(db, id, user, ct);
        if (s is null) return NotFound();
        if (s.Status == SubscriptionStatus.Cancelled) return Conflict("The subscription has ended; buy the product again to start a new one.");
        if (billing.CannotResume(s) is { } why) return Conflict(why);
        if (s.CancelAtPeriodEnd) await billing.ScheduleCancellationAsync(s, false, ct);
        return await SaveAsync(db, billing, ct) is { } conflict ? conflict : TypedResults.Ok(SubscriptionView.Of(s));
    }

    private static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> PayNow(
        Guid id, ClaimsPrincipal user, MarketplaceDbContext db, SubscriptionBilling billing, CancellationToken ct)
    {
        var s = await MineAsync(db, id, user, ct);
        if (s is null) return NotFound();
        if (s.Status is not (SubscriptionStatus.PastDue or SubscriptionStatus.Suspended)) return Conflict("Nothing is overdue.");
        if (s.GatewayRenews)
            return Conflict($"{Vozex.Web.Modules.Payments.Contracts.GatewayNames.Title(s.Gateway)} retries the renewal itself; update the payment method there to pay it.");
        var paid = await billing.ChargeAsync(s, ct);
        if (await SaveAsync(db, billing, ct) is { } conflict) return conflict;
        return paid ? TypedResults.Ok(SubscriptionView.Of(s))
            : TypedResults.Problem(statusCode: StatusCodes.Status402PaymentRequired, title: "Payment declined", detail: s.LastFailure);
    }

    private static ChangeRequest Request(ChangeBody? body) =>
        new(string.IsNullOrWhiteSpace(body?.Plan) ? null : body.Plan.Trim(), body?.Features, string.IsNullOrWhiteSpace(body?.BillingCycle) ? null : body.BillingCycle.Trim());

    /// <summary>Null when saved; a 409 when the clock changed the subscription meanwhile (nothing of this request is kept).</summary>
    internal static async Task<ProblemHttpResult?> SaveAsync(MarketplaceDbContext db, SubscriptionBilling billing, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            billing.Committed();
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict("The subscription changed meanwhile; reload and try again.");
        }
    }
}
