using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Files;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.ServiceOrders.Api;

public sealed record MessageRequest(string? Body);

public sealed record RatingRequest(int? Rating);

public sealed record AttachmentUpload(string? FileName, string? ContentType, string? ContentBase64);

public sealed record DeliverRequest(string? Body, IReadOnlyList<AttachmentUpload>? Attachments);

/// <summary>The customer's and the provider's service order API (API.md "Customer dashboard", "Provider").</summary>
internal static class ServiceOrderEndpoints
{
    public const int MaxBody = 5000;
    public const int MaxAttachments = 5;
    public const int MaxAttachmentBytes = 10 * 1024 * 1024;

    public static RouteGroupBuilder MapServiceOrderApi(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/me/service-orders").RequireAuthorization(Policies.Customer).WithTags("Service orders");
        mine.MapGet("/", ListMine).WithName("MyServiceOrders");
        mine.MapGet("/{id:guid}", GetMine).WithName("MyServiceOrder");
        mine.MapPost("/{id:guid}/messages", (Guid id, MessageRequest body, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct) =>
            Message(actions.ForCustomerAsync(user.RequiredUserId(), id, ct), body, Customer(user), actions, q, ct)).WithName("MyServiceOrderMessage");
        mine.MapPost("/{id:guid}/accept", (Guid id, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct) =>
            Act(actions.ForCustomerAsync(user.RequiredUserId(), id, ct), o => actions.AcceptDeliveryAsync(o, Customer(user), ct), q, ct))
            .WithName("AcceptServiceDelivery").WithSummary("Accepts the delivery: the order completes and can be rated.");
        mine.MapPost("/{id:guid}/request-revision", (Guid id, MessageRequest body, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct) =>
            BodyProblem(body.Body) is { } problem ? Task.FromResult<Results<Ok<ServiceOrderView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>>(problem)
                : Act(actions.ForCustomerAsync(user.RequiredUserId(), id, ct), o => actions.RequestRevisionAsync(o, Customer(user), body.Body!.Trim(), ct), q, ct))
            .WithName("RequestServiceRevision").WithSummary("Sends the delivery back with what to change.");
        mine.MapPost("/{id:guid}/rate", (Guid id, RatingRequest body, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct) =>
            body.Rating is not (>= 1 and <= 5)
                ? Task.FromResult<Results<Ok<ServiceOrderView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>>(
                    TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rating"] = ["Rate from 1 to 5."] }, title: "The rating is not valid."))
                : Act(actions.ForCustomerAsync(user.RequiredUserId(), id, ct), o => actions.RateAsync(o, Customer(user), body.Rating.Value, ct), q, ct))
            .WithName("RateServiceOrder").WithSummary("Rates a completed order 1–5; the provider's average follows.");
        mine.MapGet("/{id:guid}/attachments/{attachmentId}", async (Guid id, string attachmentId, ClaimsPrincipal user, ServiceOrderActions actions,
                ServiceOrderQueries q, IFileStore files, CancellationToken ct) =>
            await Attachment(await actions.ForCustomerAsync(user.RequiredUserId(), id, ct), attachmentId, q, files, ct)).WithName("MyServiceOrderAttachment");

        var provider = api.MapGroup("/provider").RequireAuthorization(Policies.Provider).WithTags("Provider");
        provider.MapGet("/me", ProviderProfile).WithName("ProviderProfile");
        provider.MapPut("/availability", SetAvailability).WithName("ProviderAvailability");
        provider.MapGet("/service-orders", ListAssigned).WithName("ProviderServiceOrders");
        provider.MapGet("/service-orders/{id:guid}", GetAssigned).WithName("ProviderServiceOrder");
        provider.MapPost("/service-orders/{id:guid}/accept", (Guid id, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct) =>
            Act(actions.ForProviderAsync(user.RequiredUserId(), id, ct), o => actions.AcceptAssignmentAsync(o, ProviderAuthor(user), ct), q, ct))
            .WithName("ProviderAcceptOrder");
        provider.MapPost("/service-orders/{id:guid}/decline", (Guid id, MessageRequest? body, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct) =>
            Act(actions.ForProviderAsync(user.RequiredUserId(), id, ct), o => actions.DeclineAsync(o, ProviderAuthor(user), body?.Body, ct), q, ct))
            .WithName("ProviderDeclineOrder").WithSummary("Gives the order back; it goes to the next best provider.");
        provider.MapPost("/service-orders/{id:guid}/start", (Guid id, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct) =>
            Act(actions.ForProviderAsync(user.RequiredUserId(), id, ct), o => actions.StartAsync(o, ProviderAuthor(user), ct), q, ct))
            .WithName("ProviderStartOrder");
        provider.MapPost("/service-orders/{id:guid}/deliver", Deliver).WithName("ProviderDeliverOrder")
            .WithSummary("Delivers the work: a message and up to 5 attachments (base64, 10 MB each).");
        provider.MapPost("/service-orders/{id:guid}/messages", (Guid id, MessageRequest body, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct) =>
            Message(actions.ForProviderAsync(user.RequiredUserId(), id, ct), body, ProviderAuthor(user), actions, q, ct)).WithName("ProviderServiceOrderMessage");
        provider.MapGet("/service-orders/{id:guid}/attachments/{attachmentId}", async (Guid id, string attachmentId, ClaimsPrincipal user, ServiceOrderActions actions,
                ServiceOrderQueries q, IFileStore files, CancellationToken ct) =>
            await Attachment(await actions.ForProviderAsync(user.RequiredUserId(), id, ct), attachmentId, q, files, ct)).WithName("ProviderServiceOrderAttachment");
        return api;
    }

    internal static Author Customer(ClaimsPrincipal user) => new(user.RequiredUserId(), Author.Customer, user.DisplayName() ?? "Customer") { Principal = user };

    internal static Author ProviderAuthor(ClaimsPrincipal user) => new(user.RequiredUserId(), Author.Provider, user.DisplayName() ?? "Provider") { Principal = user };

    private static async Task<Results<Ok<Paged<ServiceOrderSummaryView>>, ValidationProblem>> ListMine(
        ClaimsPrincipal user, MarketplaceDbContext db, ServiceOrderQueries q,
        [FromQuery] string? status, [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize, CancellationToken ct)
    {
        var customerId = user.RequiredUserId();
        return await List(db.Set<ServiceOrder>().AsNoTracking().Where(o => o.CustomerId == customerId), q, status, page, pageSize, ct);
    }

    private static async Task<Results<Ok<Paged<ServiceOrderSummaryView>>, ValidationProblem>> ListAssigned(
        ClaimsPrincipal user, MarketplaceDbContext db, ServiceOrderQueries q,
        [FromQuery] string? status, [FromQuery] string? page, [FromQuery(Name = "page_size")] string? pageSize, CancellationToken ct)
    {
        var providerId = user.RequiredUserId();
        return await List(db.Set<ServiceOrder>().AsNoTracking().Where(o => o.ProviderId == providerId), q, status, page, pageSize, ct);
    }

    internal static async Task<Results<Ok<Paged<ServiceOrderSummaryView>>, ValidationProblem>> List(
        IQueryable<ServiceOrder> orders, ServiceOrderQueries q, string? status, string? page, string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (!string.IsNullOrEmpty(status))
        {
            if (WireNames.FromWireName<ServiceOrderStatus>(status) is { } s) orders = orders.Where(o => o.Status == s);
            else errors["status"] = [$"Use one of: {WireNames.Choices<ServiceOrderStatus>()}."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The service order query is not valid.");
        return TypedResults.Ok(await q.ListAsync(orders, p, size, ct));
    }

    private static async Task<Results<Ok<ServiceOrderView>, NotFound<ProblemDetails>>> GetMine(
        Guid id, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct) =>
        await actions.ForCustomerAsync(user.RequiredUserId(), id, ct) is { } order ? TypedResults.Ok(await q.ViewAsync(order, ct)) : NotFound();

    private static async Task<Results<Ok<ServiceOrderView>, NotFound<ProblemDetails>>> GetAssigned(
        Guid id, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct) =>
        await actions.ForProviderAsync(user.RequiredUserId(), id, ct) is { } order ? TypedResults.Ok(await q.ViewAsync(order, ct)) : NotFound();

    private static async Task<Results<Ok<ServiceOrderView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Deliver(
        Guid id, DeliverRequest body, ClaimsPrincipal user, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (BodyError(body.Body) is { } bodyError) errors["body"] = [bodyError];
        var uploads = new List<UploadedAttachment>();
        var attachments = body.Attachments ?? [];
        if (attachments.Count > MaxAttachments) errors["attachments"] = [$"Attach at most {MaxAttachments} files."];
        else
            for (var i = 0; i < attachments.Count; i++)
            {
                var a = attachments[i];
                var name = Path.GetFileName(a.FileName?.Trim() ?? "");
                if (name.Length is 0 or > 200 || name.Any(char.IsControl)) errors[$"attachments[{i}].file_name"] = ["Give a file name of at most 200 characters."];
                byte[]? content = null;
                try { content = Convert.FromBase64String(a.ContentBase64 ?? ""); }
                catch (FormatException) { errors[$"attachments[{i}].content_base64"] = ["Must be base64."]; }
                if (content is { Length: 0 or > MaxAttachmentBytes }) errors[$"attachments[{i}].content_base64"] = ["A file must hold from 1 byte to 10 MB."];
                if (content is not null) uploads.Add(new UploadedAttachment(name, string.IsNullOrWhiteSpace(a.ContentType) ? "application/octet-stream" : a.ContentType.Trim(), content));
            }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The delivery is not valid.");
        return await Act(actions.ForProviderAsync(user.RequiredUserId(), id, ct), o => actions.DeliverAsync(o, ProviderAuthor(user), body.Body!.Trim(), uploads, ct), q, ct);
    }

    private static async Task<Results<Created<MessageView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Message(
        Task<ServiceOrder?> find, MessageRequest body, Author author, ServiceOrderActions actions, ServiceOrderQueries q, CancellationToken ct)
    {
        if (BodyError(body.Body) is { } error)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [error] }, title: "The message is not valid.");
        if (await find is not { } order) return NotFound();
        try
        {
            var message = await actions.AddMessageAsync(order, author, body.Body!.Trim(), ct);
            return TypedResults.Created((string?)null, ServiceOrderQueries.ToView(message));
        }
        catch (ServiceOrderException ex) { return Conflict(ex.Message); }
    }

    /// <summary>Runs one lifecycle action on an order the caller may see; a wrong state or a concurrent change is a 409.</summary>
    internal static async Task<Results<Ok<ServiceOrderView>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Act(
        Task<ServiceOrder?> find, Func<ServiceOrder, Task> action, ServiceOrderQueries q, CancellationToken ct)
    {
        if (await find is not { } order) return NotFound();
        try
        {
            await action(order);
        }
        catch (ServiceOrderException ex) { return Conflict(ex.Message); }
        catch (DbUpdateConcurrencyException) { return Conflict("The order changed meanwhile. Reload it and try again."); }
        return TypedResults.Ok(await q.ViewAsync(order, ct));
    }

    private static async Task<IResult> Attachment(ServiceOrder? order, string attachmentId, ServiceOrderQueries q, IFileStore files, CancellationToken ct)
    {
        if (order is null || await q.AttachmentAsync(order.Id, attachmentId, ct) is not { } attachment || await files.OpenAsync(attachment.StoragePath, ct) is not { } file)
            return NotFound();
        return TypedResults.File(file.Content, attachment.ContentType, attachment.FileName);
    }

    private static async Task<Ok<ProviderProfileView>> ProviderProfile(ClaimsPrincipal user, MarketplaceDbContext db, CancellationToken ct)
    {
        var id = user.RequiredUserId();
        var provider = await db.Set<Provider>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return TypedResults.Ok(provider is null ? new ProviderProfileView(id, user.DisplayName() ?? "", [], false, 0, 0, null) : ProviderProfileView.Of(provider));
    }

    public sealed record AvailabilityRequest(bool? Available);

    private static async Task<Results<Ok<ProviderProfileView>, ValidationProblem, NotFound<ProblemDetails>>> SetAvailability(
        AvailabilityRequest body, ClaimsPrincipal user, MarketplaceDbContext db, Assignment.ProviderAssignment assignment, TimeProvider time, CancellationToken ct)
    {
        if (body.Available is not { } available)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["available"] = ["Say true or false."] }, title: "The availability is not valid.");
        var id = user.RequiredUserId();
        var provider = await db.Set<Provider>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (provider is null) return NotFound();
        provider.Available = available;
        provider.Touch(time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        if (available) assignment.Wake();
        return TypedResults.Ok(ProviderProfileView.Of(provider));
    }

    internal static string? BodyError(string? body) =>
        string.IsNullOrWhiteSpace(body) ? "Write a message." : body.Trim().Length > MaxBody ? $"Use at most {MaxBody} characters." : null;

    private static ValidationProblem? BodyProblem(string? body) =>
        BodyError(body) is { } error ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [error] }, title: "The request is not valid.") : null;

    internal static NotFound<ProblemDetails> NotFound() =>
        TypedResults.NotFound(new ProblemDetails { Title = "No such service order.", Status = StatusCodes.Status404NotFound });

    internal static Conflict<ProblemDetails> Conflict(string detail) =>
        TypedResults.Conflict(new ProblemDetails { Title = "That cannot be done now.", Detail = detail, Status = StatusCodes.Status409Conflict });
}

public sealed record ProviderProfileView(Guid Id, string Name, IReadOnlyList<string> Skills, bool Available, int Capacity, int OpenOrders, double? Rating)
{
    internal static ProviderProfileView Of(Provider p) => new(p.Id, p.Name, p.Skills, p.Available, p.Capacity, p.OpenOrders, p.AverageRating);
}
