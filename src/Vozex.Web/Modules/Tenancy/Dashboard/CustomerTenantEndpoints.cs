using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Modules.Tenancy.Sites;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Tenancy.Dashboard;

/// <summary>API.md: status, billing_cycle, current_period_end, next_renewal_amount (from Subscriptions when it bills the tenant).</summary>
public sealed record TenantSubscriptionView(string Status, string? BillingCycle, DateTimeOffset? CurrentPeriodEnd = null, Money? NextRenewalAmount = null,
    bool CancelAtPeriodEnd = false);

public sealed record CustomerTenantView(
    Guid Id, string ProductName, string ProductType, string Domain, string AdminUrl, string Plan, IReadOnlyList<string> Features,
    IReadOnlyDictionary<string, int> Limits, string Status, DateTimeOffset CreatedAt, bool CredentialsAvailable, TenantSubscriptionView Subscription);

public sealed record TenantCredentialsView(Guid TenantId, string Domain, string AdminUrl, string Username, string TempPassword, DateTimeOffset ExpiresAt);

public sealed record TenantSsoView(string Url, DateTimeOffset ExpiresAt);

/// <summary>The customer's SaaS instances (API.md "Customer dashboard"). Another customer's tenant answers 404.</summary>
internal static class CustomerTenantEndpoints
{
    public static RouteGroupBuilder MapCustomerTenantApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/tenants").RequireAuthorization(Policies.Customer).WithTags("Dashboard");
        me.MapGet("", List).WithName("MyTenants");
        me.MapGet("/{id:guid}/credentials", Credentials).WithName("MyTenantCredentials")
            .WithSummary("The temporary admin credentials, for 7 days or until the first password change; 410 after.");
        me.MapPost("/{id:guid}/sso", SingleSignOn).WithName("MyTenantSso")
            .WithSummary("A single-use, short-lived link that signs the customer into the tenant admin.");
        return api;
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such tenant.");

    private static async Task<Results<Ok<Paged<CustomerTenantView>>, ValidationProblem>> List(
        ClaimsPrincipal user, CustomerTenants tenants, IEnumerable<ITenantBillingSource> billingSources,
        [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var cards = await tenants.ListAsync(user.RequiredUserId(), p, size, ct);
        var billing = new Dictionary<Guid, TenantBilling>();
        foreach (var source in billingSources)
            foreach (var (tenantId, facts) in await source.ForTenantsAsync(cards.Items.Select(t => t.Id).ToList(), ct)) billing[tenantId] = facts;
        var items = cards.Items.Select(t => new CustomerTenantView(t.Id, t.ProductName, t.ProductType, t.Domain, t.AdminUrl,
            t.Plan, t.Features, t.Limits, t.Status, t.CreatedAt, t.CredentialsAvailable,
            billing.TryGetValue(t.Id, out var b)
                ? new TenantSubscriptionView(b.Status, b.BillingCycle, b.CurrentPeriodEnd, b.NextRenewalAmount, b.CancelAtPeriodEnd)
                : new TenantSubscriptionView(t.Status, t.BillingCycle))).ToList();
        return TypedResults.Ok(new Paged<CustomerTenantView>(items, cards.Page, cards.PageSize, cards.Total));
    }

    private static async Task<Results<Ok<TenantCredentialsView>, ProblemHttpResult>> Credentials(
        Guid id, ClaimsPrincipal user, CustomerTenants tenants, CancellationToken ct) =>
        await tenants.CredentialsAsync(user.RequiredUserId(), id, ct) switch
        {
            CredentialsOutcome.Found found => TypedResults.Ok(found.View),
            CredentialsOutcome.Gone => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone",
                detail: "The temporary credentials are no longer kept: the password was changed or 7 days have passed. Use \"Open admin\" instead."),
            _ => NotFound(),
        };

    private static async Task<Results<Ok<TenantSsoView>, ProblemHttpResult>> SingleSignOn(
        Guid id, ClaimsPrincipal user, CustomerTenants tenants, CancellationToken ct) =>
        await tenants.SingleSignOnAsync(user.RequiredUserId(), id, ct) switch
        {
            SsoOutcome.Issued issued => TypedResults.Ok(issued.View),
            SsoOutcome.NotActive => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "The tenant is not active."),
            _ => NotFound(),
        };
}
