using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Licensing.Contracts;
using Vozex.Web.Modules.ServiceOrders.Contracts;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Dashboard.Overview;

public sealed record OverviewProfile(Guid Id, string Email, string Name, IReadOnlyList<string> Roles, DateTimeOffset MemberSince);

public sealed record OverviewCounts(int Tenants, int Licenses, int ServiceOrders, int Orders, int OpenServiceOrders, int OrdersAwaitingPayment);

/// <summary>
/// Something the customer should look at. <see cref="Kind"/>: credentials_expiring, delivery_awaiting_acceptance,
/// updates_expiring or fulfillment_failed; <see cref="Href"/> is the page that deals with it.
/// </summary>
public sealed record AttentionItem(string Kind, string Title, string Detail, string Href, DateTimeOffset? DueAt, string ReferenceId);

/// <summary>An order whose items are still being set up (fulfilment running or a provider being found).</summary>
public sealed record OrderInProgress(Guid OrderId, string OrderNumber, IReadOnlyList<string> Items);

public sealed record OverviewView(
    OverviewProfile Profile, OverviewCounts Counts, IReadOnlyList<AttentionItem> Attention, IReadOnlyList<OrderInProgress> InProgress);

/// <summary>The overview of SPEC §8, put together from each module's overview contract.</summary>
internal sealed class CustomerOverview(
    IAccountDirectory accounts, ITenantOverview tenants, ILicenseOverview licenses, IServiceOrderOverview serviceOrders,
    IOrderOverview orders, IFulfillmentOverview fulfillment, TimeProvider time)
{
    /// <summary>Temporary tenant credentials last 7 days; the last 2 are worth a reminder to sign in and change the password.</summary>
    public static readonly TimeSpan CredentialsWarning = TimeSpan.FromDays(2);

    public static readonly TimeSpan UpdatesWarning = TimeSpan.FromDays(30);

    public async Task<OverviewView?> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(customerId, cancellationToken);
        if (account is null) return null;
        var now = time.GetUtcNow();
        // One scoped DbContext underneath: the reads run one after another.
        var t = await tenants.ForCustomerAsync(customerId, now + CredentialsWarning, cancellationToken);
        var l = await licenses.ForCustomerAsync(customerId, now + UpdatesWarning, cancellationToken);
        var s = await serviceOrders.ForCustomerAsync(customerId, cancellationToken);
        var o = await orders.ForCustomerAsync(customerId, cancellationToken);
        var f = await fulfillment.ForCustomerAsync(customerId, cancellationToken);

        var attention = new List<AttentionItem>();
        attention.AddRange(s.AwaitingAcceptance.Select(d => new AttentionItem("delivery_awaiting_acceptance",
            $"{d.ProductName}: your delivery is ready",
            $"{d.ProviderName ?? "The provider"} delivered the work. Accept it or ask for a revision; it completes by itself on {Day(d.AutoCompletesAt)}.",
            $"/service-orders/{d.ServiceOrderId}", d.AutoCompletesAt, d.ServiceOrderId.ToString())));
        attention.AddRange(t.CredentialsExpiring.Select(c => new AttentionItem("credentials_expiring",
            $"{c.ProductName}: temporary credentials expire soon",
            $"Sign in to {c.Domain} and set your own password before {Day(c.ExpiresAt)}; after that use \"Open admin\".",
            "/account/tenants", c.ExpiresAt, c.TenantId.ToString())));
        attention.AddRange(l.UpdatesExpiring.Select(u => new AttentionItem("updates_expiring",
            $"{u.ProductName}: updates end on {Day(u.UpdatesUntil)}",
            $"Your {u.LicenseTypeName} license keeps working; releases published after that date are not covered.",
            "/account/licenses", u.UpdatesUntil, u.LicenseId.ToString())));
        attention.AddRange(f.Failed.Select(x => new AttentionItem("fulfillment_failed",
            $"{x.ProductName}: setting it up failed",
            $"Order {x.OrderNumber} is paid, but this item could not be set up. Our team has been told and will finish it.",
            $"/account/orders/{x.OrderId}", null, x.FulfillmentId.ToString(CultureInfo.InvariantCulture))));

        var inProgress = f.InProgress.Select(x => (x.OrderId, x.OrderNumber, x.ProductName))
            .Concat(s.FindingProvider.Select(w => (w.OrderId, w.OrderNumber, w.ProductName)))
            .GroupBy(x => (x.OrderId, x.OrderNumber))
            .Select(g => new OrderInProgress(g.Key.OrderId, g.Key.OrderNumber, g.Select(x => x.ProductName).Distinct().ToList()))
            .ToList();

        return new OverviewView(
            new OverviewProfile(account.Id, account.Email, account.Name, account.Roles, account.CreatedAt),
            new OverviewCounts(t.Count, l.Count, s.Count, o.Count, s.Open, o.AwaitingPayment),
            attention, inProgress);
    }

    private static string Day(DateTimeOffset at) => at.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}

internal static class OverviewEndpoints
{
    public static RouteGroupBuilder MapOverviewApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me/overview", Get).RequireAuthorization(Policies.Customer).WithTags("Dashboard").WithName("MyOverview")
            .WithSummary("Counts of the customer's tenants, licenses, service orders and orders, what needs their attention, work in progress, and the profile.");
        return api;
    }

    private static async Task<Results<Ok<OverviewView>, ProblemHttpResult>> Get(ClaimsPrincipal user, CustomerOverview overview, CancellationToken ct) =>
        await overview.ForCustomerAsync(user.RequiredUserId(), ct) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such account.");
}
