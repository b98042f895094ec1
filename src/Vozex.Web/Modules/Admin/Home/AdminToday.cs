using Microsoft.AspNetCore.Http.HttpResults;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Admin.Home;

/// <summary>Something that failed and waits for an administrator, with where to act on it.</summary>
public sealed record FailingItem(string Kind, string Title, string? Detail, string Link, DateTimeOffset At);

/// <summary>Today (UTC) at a glance, and everything currently failing.</summary>
public sealed record TodayView(
    DateOnly Day,
    int OrdersPlaced,
    int OrdersPaid,
    IReadOnlyList<Money> RevenueToday,
    int FulfillmentsPending,
    int FulfillmentsFailed,
    int OrdersFulfillmentFailed,
    int WebhooksFailing,
    int MailsFailing,
    IReadOnlyList<FailingItem> Failing);

/// <summary>Reads the admin home through the small figure contracts each module exposes, never their tables.</summary>
public sealed class AdminToday(IOrderFigures orders, IFulfillmentFigures fulfillment, IPaymentAdminReads payments, IMailAdminReads mails, TimeProvider time)
{
    public const int FailingShown = 5;

    public async Task<TodayView> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var figures = await orders.ForWindowAsync(start, start.AddDays(1), cancellationToken);
        var counts = await fulfillment.CountsAsync(cancellationToken);
        var webhooksFailing = await payments.FailingWebhookCountAsync(cancellationToken);
        var mailsFailing = await mails.FailingCountAsync(cancellationToken);

        var failing = new List<FailingItem>();
        foreach (var f in await fulfillment.RecentFailuresAsync(FailingShown, cancellationToken))
            failing.Add(new FailingItem("fulfillment", $"{f.ProductName} · order {f.OrderNumber}", $"{f.Driver}, {f.Attempts} attempt(s): {f.LastError}",
                $"/admin/orders/{f.OrderId}", f.UpdatedAt));
        foreach (var w in await payments.RecentFailingWebhooksAsync(FailingShown, cancellationToken))
            failing.Add(new FailingItem("webhook", $"{w.Gateway} {w.EventType}", $"{w.Status}, {w.Attempts} attempt(s): {w.LastError}",
                $"/admin/webhooks?status={w.Status}", w.ReceivedAt));
        foreach (var m in await mails.RecentFailingAsync(FailingShown, cancellationToken))
            failing.Add(new FailingItem("mail", $"{m.Kind.Replace('_', ' ')} to {m.To}", $"{m.Status}, {m.Attempts} attempt(s): {m.LastError}",
                "/admin/mailbox", m.CreatedAt));
        if (figures.FulfillmentFailedOrders > 0)
            failing.Add(new FailingItem("orders", $"{figures.FulfillmentFailedOrders} order(s) with a failed fulfilment", null,
                "/admin/orders?status=fulfillment_failed", now));

        return new TodayView(day, figures.Placed, figures.Paid, figures.Revenue, counts.Pending, counts.Failed, figures.FulfillmentFailedOrders,
            webhooksFailing, mailsFailing, failing.OrderByDescending(f => f.At).ToList());
    }

    public static RouteGroupBuilder MapAdminTodayApi(RouteGroupBuilder api)
    {
        api.MapGet("/admin/today", async (AdminToday today, CancellationToken ct) => TypedResults.Ok(await today.ReadAsync(ct)))
            .RequireAuthorization(Policies.Admin).WithTags("Admin").WithName("AdminToday")
            .WithSummary("Today's numbers (UTC day): orders placed and paid, revenue, fulfilments pending and failed, failing webhooks and mails, and what failed.");
        return api;
    }
}
