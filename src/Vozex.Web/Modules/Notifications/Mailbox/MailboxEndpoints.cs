using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Notifications.Mailbox;

internal sealed record MailboxSummaryView(long Id, string MessageId, string Kind, string To, string? ToName, string Subject, DateTimeOffset ReceivedAt);

internal sealed record MailboxMessageView(
    long Id, string MessageId, string Kind, string From, string To, string? ToName, string Subject, string TextBody, string HtmlBody, DateTimeOffset ReceivedAt);

/// <summary>The local mailbox for administrators (SPEC §10): list newest first, filter by recipient, read one message.</summary>
internal sealed class MailboxQueries(MarketplaceDbContext db)
{
    public async Task<Paged<MailboxSummaryView>> ListAsync(string? recipient, int page, int pageSize, CancellationToken cancellationToken)
    {
        var messages = db.Set<MailboxMessage>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(recipient))
        {
            var term = recipient.Trim().ToLowerInvariant();
            messages = messages.Where(m => m.ToEmail.ToLower().Contains(term));
        }
        var total = await messages.CountAsync(cancellationToken);
        var items = await messages.OrderByDescending(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(m => new MailboxSummaryView(m.Id, m.MessageId, m.Kind, m.ToEmail, m.ToName, m.Subject, m.ReceivedAt))
            .ToListAsync(cancellationToken);
        return new Paged<MailboxSummaryView>(items, page, pageSize, total);
    }

    public Task<MailboxMessageView?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<MailboxMessage>().AsNoTracking().Where(m => m.Id == id)
            .Select(m => new MailboxMessageView(m.Id, m.MessageId, m.Kind, m.From, m.ToEmail, m.ToName, m.Subject, m.TextBody, m.HtmlBody, m.ReceivedAt))
            .FirstOrDefaultAsync(cancellationToken);
}

internal static class MailboxEndpoints
{
    public const int MaxRecipientFilter = 320;

    public static RouteGroupBuilder MapMailboxApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/mailbox").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("", List).WithName("AdminMailbox")
            .WithSummary("Messages in the local mailbox (used when no SMTP server is configured), newest first, filtered by recipient.");
        admin.MapGet("/{id:long}", Read).WithName("AdminMailboxMessage")
            .WithSummary("One message of the local mailbox with its text and HTML parts.");
        return api;
    }

    private static async Task<Results<Ok<Paged<MailboxSummaryView>>, ValidationProblem>> List(
        MailboxQueries mailbox, [FromQuery] string? to, [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (to is { Length: > MaxRecipientFilter }) errors["to"] = [$"Use at most {MaxRecipientFilter} characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The mailbox query is not valid.");
        return TypedResults.Ok(await mailbox.ListAsync(to, p, size, cancellationToken));
    }

    private static async Task<Results<Ok<MailboxMessageView>, NotFound>> Read(MailboxQueries mailbox, long id, CancellationToken cancellationToken) =>
        await mailbox.FindAsync(id, cancellationToken) is { } message ? TypedResults.Ok(message) : TypedResults.NotFound();
}
