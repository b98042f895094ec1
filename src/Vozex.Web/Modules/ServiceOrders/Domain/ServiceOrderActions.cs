using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.ServiceOrders.Assignment;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Files;

namespace Vozex.Web.Modules.ServiceOrders.Domain;

public sealed record Author(Guid? Id, string Role, string Name)
{
    /// <summary>The signed-in account acting, when there is one; the audit log names it.</summary>
    public ClaimsPrincipal? Principal { get; init; }

    public const string Customer = "customer";
    public const string Provider = "provider";
    public const string Admin = "admin";
    public const string System = "system";
}

public sealed record UploadedAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The use cases of a service order's lifecycle. Each one is a single transaction: the order's transition, its provider's
/// capacity and the message that records it commit together; a concurrent change to the same order makes it fail with
/// <see cref="DbUpdateConcurrencyException"/>, never half-apply.
/// </summary>
internal sealed class ServiceOrderActions(
    MarketplaceDbContext db, ProviderAssignment assignment, IFileStore files, ServiceOrderNotifier notify, IAuditLog audit, TimeProvider time)
{
    public Task<ServiceOrder?> ForCustomerAsync(Guid customerId, Guid id, CancellationToken cancellationToken) =>
        db.Set<ServiceOrder>().FirstOrDefaultAsync(o => o.Id == id && o.CustomerId == customerId, cancellationToken);

    public Task<ServiceOrder?> ForProviderAsync(Guid providerId, Guid id, CancellationToken cancellationToken) =>
        db.Set<ServiceOrder>().FirstOrDefaultAsync(o => o.Id == id && o.ProviderId == providerId, cancellationToken);

    public Task<ServiceOrder?> ForAdminAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<ServiceOrder>().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task AcceptAssignmentAsync(ServiceOrder order, Author provider, CancellationToken cancellationToken)
    {
        order.Accept(Now);
        Note(order, provider, "accepted", "Accepted the order.");
        await notify.ToCustomerAsync(order, $"{provider.Name} accepted your order", null, cancellationToken);
        await CommitAsync(null, cancellationToken);
    }

    public async Task DeclineAsync(ServiceOrder order, Author provider, string? reason, CancellationToken cancellationToken)
    {
        var freed = order.Decline(Now);
        Note(order, provider, "declined", string.IsNullOrWhiteSpace(reason) ? "Declined the order." : reason.Trim());
        await CommitAsync(freed, cancellationToken);
    }

    public async Task StartAsync(ServiceOrder order, Author provider, CancellationToken cancellationToken)
    {
        order.Start(Now);
        Note(order, provider, "started", "Started work.");
        await notify.ToCustomerAsync(order, $"{provider.Name} started work on your order", null, cancellationToken);
        await CommitAsync(null, cancellationToken);
    }

    public async Task DeliverAsync(ServiceOrder order, Author provider, string body, IReadOnlyList<UploadedAttachment> attachments, CancellationToken cancellationToken)
    {
        order.Deliver(Now);
        var stored = new List<MessageAttachment>(attachments.Count);
        foreach (var attachment in attachments)
        {
            using var content = new MemoryStream(attachment.Content, writable: false);
            var file = await files.SaveAsync("deliveries", content, cancellationToken);
            stored.Add(new MessageAttachment(Guid.NewGuid().ToString("N"), attachment.FileName, file.Size, attachment.ContentType, file.StoragePath));
        }
        Note(order, provider, "delivery", body, stored);
        await notify.ToCustomerAsync(order, "Your delivery is ready",
            $"{body}\n\nAccept it, or ask for a revision, within 3 days; after that it completes by itself.", cancellationToken);
        await CommitAsync(null, cancellationToken);
    }

    public async Task AcceptDeliveryAsync(ServiceOrder order, Author customer, CancellationToken cancellationToken)
    {
        var provider = order.ProviderId;
        order.Complete(Now);
        Note(order, customer, "completed", "Accepted the delivery.");
        await notify.ToProviderAsync(order, provider, "The customer accepted your delivery", null, cancellationToken);
        await CommitAsync(provider, cancellationToken);
    }

    public async Task RequestRevisionAsync(ServiceOrder order, Author customer, string body, CancellationToken cancellationToken)
    {
        order.RequestRevision(Now);
        Note(order, customer, "revision_request", body);
        await notify.ToProviderAsync(order, order.ProviderId, "A revision was requested", body, cancellationToken);
        await CommitAsync(null, cancellationToken);
    }

    /// <summary>Completes a delivery nobody answered in <see cref="ServiceOrder.AutoCompleteAfter"/>; false when it is not due (any more).</summary>
    public async Task<bool> AutoCompleteAsync(ServiceOrder order, CancellationToken cancellationToken)
    {
        if (!order.IsDueForAutoCompletion(Now)) return false;
        var provider = order.ProviderId;
        order.Complete(Now);
        Note(order, new Author(null, Author.System, "VOZEX"), "completed", "Completed automatically: the delivery was not answered within 3 days.");
        await notify.ToCustomerAsync(order, "Your order completed", "The delivery was not answered within 3 days, so it was accepted. You can still rate the work.", cancellationToken);
        await notify.ToProviderAsync(order, provider, "The order completed", "The customer did not answer within 3 days, so the delivery was accepted.", cancellationToken);
        await CommitAsync(provider, cancellationToken);
        return true;
    }

    /// <summary>The customer's 1–5 rating; the provider's average changes in the same transaction.</summary>
    public async Task RateAsync(ServiceOrder order, Author customer, int rating, CancellationToken cancellationToken)
    {
        order.Rate(rating, Now);
        Note(order, customer, "rating", $"Rated the work {rating} out of 5.");
        await notify.ToProviderAsync(order, order.ProviderId, $"You were rated {rating} out of 5", null, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<Provider>().Where(p => p.Id == order.ProviderId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.RatingSum, p => p.RatingSum + rating)
                .SetProperty(p => p.RatingCount, p => p.RatingCount + 1)
                .SetProperty(p => p.Version, Guid.NewGuid()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        notify.Wake();
    }

    public async Task<ServiceOrderMessage> AddMessageAsync(ServiceOrder order, Author author, string body, CancellationToken cancellationToken)
    {
        if (order.Status == ServiceOrderStatus.Cancelled) throw new ServiceOrderException("This order was cancelled.");
        var message = Note(order, author, "message", body);
        var headline = $"New message from {author.Name}";
        if (author.Role == Author.Customer) await notify.ToProviderAsync(order, order.ProviderId, headline, body, cancellationToken);
        else await notify.ToCustomerAsync(order, headline, body, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        notify.Wake();
        return message;
    }

    /// <summary>An administrator ends the order; a unit of capacity it held is given back.</summary>
    public async Task<bool> CancelAsync(ServiceOrder order, Author actor, string reason, CancellationToken cancellationToken)
    {
        if (order.Status is ServiceOrderStatus.Cancelled or ServiceOrderStatus.Completed) return false;
        var freed = await CancelInUnitOfWorkAsync(order, actor, reason, cancellationToken);
        await CommitAsync(freed, cancellationToken);
        return true;
    }

    /// <summary>
    /// Cancels as part of the caller's unit of work (a refund), saving nothing: the provider's unit of capacity is given
    /// back as a tracked, version-checked change, so it commits with the cancellation or not at all.
    /// </summary>
    public async Task CancelWithinAsync(ServiceOrder order, Author actor, string reason, CancellationToken cancellationToken)
    {
        if (order.Status is ServiceOrderStatus.Cancelled or ServiceOrderStatus.Completed) return;
        if (await CancelInUnitOfWorkAsync(order, actor, reason, cancellationToken) is { } freed
            && await db.Set<Provider>().FirstOrDefaultAsync(p => p.Id == freed, cancellationToken) is { } provider)
            provider.ReleaseOne(Now);
    }

    private async Task<Guid?> CancelInUnitOfWorkAsync(ServiceOrder order, Author actor, string reason, CancellationToken cancellationToken)
    {
        var provider = order.ProviderId;
        var freed = order.Cancel(Now);
        Note(order, actor, "cancelled", reason);
        await notify.ToCustomerAsync(order, "Your service order was cancelled", reason, cancellationToken);
        await notify.ToProviderAsync(order, provider, "An order of yours was cancelled", reason, cancellationToken);
        return freed;
    }

    private DateTimeOffset Now => time.GetUtcNow();

    private ServiceOrderMessage Note(ServiceOrder order, Author author, string kind, string body, List<MessageAttachment>? attachments = null)
    {
        var message = new ServiceOrderMessage
        {
            ServiceOrderId = order.Id,
            AuthorId = author.Id,
            AuthorRole = author.Role,
            AuthorName = author.Name,
            Body = body,
            Kind = kind,
            Attachments = attachments ?? [],
            CreatedAt = Now,
        };
        db.Add(message);
        Audit(order, author, kind);
        return message;
    }

    /// <summary>
    /// Every transition lands in the audit log with the transition itself. Administrators' own actions are recorded by
    /// their endpoints (with the request's details), and plain messages are conversation, not transitions.
    /// </summary>
    private void Audit(ServiceOrder order, Author author, string kind)
    {
        if (author.Role == Author.Admin || TransitionAction(kind) is not { } action) return;
        audit.Record(author.Principal ?? AuditActors.System, $"service_order.{action}", "service_order", order.Id.ToString(),
            new { by = author.Role, status = order.Status.WireName() });
    }

    private static string? TransitionAction(string kind) => kind switch
    {
        "accepted" => "accept",
        "declined" => "decline",
        "started" => "start",
        "delivery" => "deliver",
        "revision_request" => "request_revision",
        "completed" => "complete",
        "rating" => "rate",
        "cancelled" => "cancel",
        _ => null,
    };

    private async Task CommitAsync(Guid? releaseProvider, CancellationToken cancellationToken)
    {
        if (releaseProvider is not { } provider)
        {
            await db.SaveChangesAsync(cancellationToken);
            notify.Wake();
            return;
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await assignment.ReleaseCapacityAsync(provider, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        notify.Wake();
        assignment.Wake();
    }
}
