using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.ServiceOrders.Api;

public sealed record ProviderSummary(Guid Id, string Name, double? Rating);

public sealed record AttachmentView(string Id, string FileName, long Size, string ContentType);

public sealed record MessageView(long Id, string AuthorRole, string AuthorName, string Kind, string Body, IReadOnlyList<AttachmentView> Attachments, DateTimeOffset CreatedAt);

public sealed record ServiceOrderSummaryView(
    Guid Id, string OrderNumber, string ProductName, string Package, string Timeline, string Status, ProviderSummary? Provider,
    DateTimeOffset EstimatedCompletion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ServiceOrderView(
    Guid Id,
    Guid OrderId,
    string OrderNumber,
    string ProductSlug,
    string ProductName,
    string ProductType,
    string Package,
    string Timeline,
    string Requirements,
    IReadOnlyList<string> RequiredSkills,
    string Status,
    ProviderSummary? Provider,
    DateTimeOffset EstimatedCompletion,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? AutoCompletesAt,
    int Revisions,
    int? Rating,
    IReadOnlyList<MessageView> Messages);

internal sealed class ServiceOrderQueries(MarketplaceDbContext db)
{
    public async Task<ServiceOrderView> ViewAsync(ServiceOrder order, CancellationToken cancellationToken)
    {
        var messages = await db.Set<ServiceOrderMessage>().AsNoTracking()
            .Where(m => m.ServiceOrderId == order.Id)
            .OrderBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var provider = await ProviderAsync(order.ProviderId, cancellationToken);
        return new ServiceOrderView(order.Id, order.OrderId, order.OrderNumber, order.ProductSlug, order.ProductName, order.ProductType,
            order.PackageName, order.Timeline, order.Requirements, order.RequiredSkills, order.Status.WireName(), provider,
            order.EstimatedCompletion, order.CreatedAt, order.AssignedAt, order.AcceptedAt, order.StartedAt, order.DeliveredAt,
            order.CompletedAt, order.CancelledAt,
            order.Status == ServiceOrderStatus.Delivered ? order.DeliveredAt + ServiceOrder.AutoCompleteAfter : null,
            order.Revisions, order.Rating,
            messages.Select(ToView).ToList());
    }

    public async Task<Paged<ServiceOrderSummaryView>> ListAsync(IQueryable<ServiceOrder> orders, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await orders.CountAsync(cancellationToken);
        var rows = await orders.AsNoTracking().OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        var providerIds = rows.Where(r => r.ProviderId is not null).Select(r => r.ProviderId!.Value).Distinct().ToList();
        var providers = await db.Set<Provider>().AsNoTracking().Where(p => providerIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new ProviderSummary(p.Id, p.Name, p.AverageRating), cancellationToken);
        var items = rows.Select(o => new ServiceOrderSummaryView(o.Id, o.OrderNumber, o.ProductName, o.PackageName, o.Timeline, o.Status.WireName(),
            o.ProviderId is { } id ? providers.GetValueOrDefault(id) : null, o.EstimatedCompletion, o.CreatedAt, o.UpdatedAt)).ToList();
        return new Paged<ServiceOrderSummaryView>(items, page, pageSize, total);
    }

    public async Task<MessageAttachment?> AttachmentAsync(Guid serviceOrderId, string attachmentId, CancellationToken cancellationToken)
    {
        var messages = await db.Set<ServiceOrderMessage>().AsNoTracking()
            .Where(m => m.ServiceOrderId == serviceOrderId && m.Kind == "delivery")
            .Select(m => m.Attachments)
            .ToListAsync(cancellationToken);
        return messages.SelectMany(a => a).FirstOrDefault(a => a.Id == attachmentId);
    }

    private async Task<ProviderSummary?> ProviderAsync(Guid? providerId, CancellationToken cancellationToken)
    {
        if (providerId is not { } id) return null;
        var provider = await db.Set<Provider>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return provider is null ? null : new ProviderSummary(provider.Id, provider.Name, provider.AverageRating);
    }

    public static MessageView ToView(ServiceOrderMessage m) =>
        new(m.Id, m.AuthorRole, m.AuthorName, m.Kind, m.Body, m.Attachments.Select(a => new AttachmentView(a.Id, a.FileName, a.Size, a.ContentType)).ToList(), m.CreatedAt);

}
