using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.ServiceOrders.Domain;

public enum ServiceOrderStatus
{
    PendingAssignment,
    Assigned,
    InProgress,
    Delivered,
    Completed,
    Cancelled,
}

/// <summary>Every allowed service order transition, in one place (SPEC §7.3).</summary>
public static class ServiceOrderStateMachine
{
    public static bool CanTransition(ServiceOrderStatus from, ServiceOrderStatus to) => from switch
    {
        ServiceOrderStatus.PendingAssignment => to is ServiceOrderStatus.Assigned or ServiceOrderStatus.Cancelled,
        // Declining sends the order back to the queue for the next best provider.
        ServiceOrderStatus.Assigned => to is ServiceOrderStatus.InProgress or ServiceOrderStatus.PendingAssignment or ServiceOrderStatus.Cancelled,
        ServiceOrderStatus.InProgress => to is ServiceOrderStatus.Delivered or ServiceOrderStatus.Cancelled,
        // A revision request sends the work back; acceptance (or silence for 3 days) completes it.
        ServiceOrderStatus.Delivered => to is ServiceOrderStatus.InProgress or ServiceOrderStatus.Completed or ServiceOrderStatus.Cancelled,
        ServiceOrderStatus.Completed or ServiceOrderStatus.Cancelled => false,
    };

    /// <summary>States in which the order holds one unit of its provider's capacity.</summary>
    public static bool HoldsCapacity(ServiceOrderStatus status) => status switch
    {
        ServiceOrderStatus.Assigned or ServiceOrderStatus.InProgress or ServiceOrderStatus.Delivered => true,
        ServiceOrderStatus.PendingAssignment or ServiceOrderStatus.Completed or ServiceOrderStatus.Cancelled => false,
    };
}

public sealed class ServiceOrderException(string message) : Exception(message);

/// <summary>One bought service, from the queue to a rated completion. Idempotent by <see cref="FulfillmentId"/>.</summary>
public sealed class ServiceOrder
{
    public static readonly TimeSpan AutoCompleteAfter = TimeSpan.FromDays(3);

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public long FulfillmentId { get; init; }
    public Guid OrderId { get; init; }
    public required string OrderNumber { get; init; }
    public long OrderItemId { get; init; }
    public Guid CustomerId { get; init; }
    public required string CustomerEmail { get; init; }
    public required string ProductSlug { get; init; }
    public required string ProductName { get; init; }
    public required string ProductType { get; init; }
    public required string PackageId { get; init; }
    public required string PackageName { get; init; }
    public required string Timeline { get; init; }
    public required string Requirements { get; init; }
    public List<string> RequiredSkills { get; init; } = [];
    public DateTimeOffset EstimatedCompletion { get; init; }
    public ServiceOrderStatus Status { get; private set; } = ServiceOrderStatus.PendingAssignment;
    public Guid? ProviderId { get; private set; }

    /// <summary>Providers who declined this order; they are not offered it again.</summary>
    public List<Guid> DeclinedBy { get; init; } = [];
    public int Revisions { get; private set; }
    public int? Rating { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? AssignedAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency: two actors (a provider and the auto-completion sweep, say) cannot both win.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public void Assign(Guid providerId, DateTimeOffset now)
    {
        MoveTo(ServiceOrderStatus.Assigned, now);
        ProviderId = providerId;
        AssignedAt = now;
        AcceptedAt = null;
    }

    public void Accept(DateTimeOffset now)
    {
        if (Status != ServiceOrderStatus.Assigned) throw new ServiceOrderException("Only an assigned order can be accepted.");
        if (AcceptedAt is not null) return;
        AcceptedAt = now;
        Touch(now);
    }

    /// <summary>The provider gives the order back; returns the provider whose capacity is freed.</summary>
    public Guid Decline(DateTimeOffset now)
    {
        if (Status != ServiceOrderStatus.Assigned || ProviderId is not { } provider)
            throw new ServiceOrderException("Only an assigned order can be declined.");
        if (AcceptedAt is not null) throw new ServiceOrderException("An accepted order cannot be declined; ask an administrator to reassign it.");
        MoveTo(ServiceOrderStatus.PendingAssignment, now);
        DeclinedBy.Add(provider);
        ProviderId = null;
        AssignedAt = null;
        return provider;
    }

    /// <summary>An administrator takes an assigned order back to give it to someone else; returns the provider freed.</summary>
    public Guid Unassign(DateTimeOffset now)
    {
        if (Status != ServiceOrderStatus.Assigned || ProviderId is not { } provider)
            throw new ServiceOrderException("Only an assigned order can be taken back.");
        MoveTo(ServiceOrderStatus.PendingAssignment, now);
        ProviderId = null;
        AssignedAt = null;
        AcceptedAt = null;
        return provider;
    }

    public void Start(DateTimeOffset now)
    {
        if (Status == ServiceOrderStatus.Assigned && AcceptedAt is null) AcceptedAt = now; // starting is accepting
        MoveTo(ServiceOrderStatus.InProgress, now);
        StartedAt ??= now;
    }

    public void Deliver(DateTimeOffset now)
    {
        MoveTo(ServiceOrderStatus.Delivered, now);
        DeliveredAt = now;
    }

    public void RequestRevision(DateTimeOffset now)
    {
        if (Status != ServiceOrderStatus.Delivered) throw new ServiceOrderException("Only a delivered order can go back for a revision.");
        MoveTo(ServiceOrderStatus.InProgress, now);
        Revisions++;
        DeliveredAt = null;
    }

    public void Complete(DateTimeOffset now)
    {
        if (Status != ServiceOrderStatus.Delivered) throw new ServiceOrderException("Only a delivered order can be completed.");
        MoveTo(ServiceOrderStatus.Completed, now);
        CompletedAt = now;
    }

    /// <summary>True when a delivery has waited for an answer long enough to complete by itself.</summary>
    public bool IsDueForAutoCompletion(DateTimeOffset now) =>
        Status == ServiceOrderStatus.Delivered && DeliveredAt is { } delivered && now - delivered >= AutoCompleteAfter;

    public void Rate(int rating, DateTimeOffset now)
    {
        if (rating is < 1 or > 5) throw new ServiceOrderException("A rating is a whole number from 1 to 5.");
        if (Status != ServiceOrderStatus.Completed) throw new ServiceOrderException("Only a completed order can be rated.");
        if (Rating is not null) throw new ServiceOrderException("This order has been rated already.");
        Rating = rating;
        Touch(now);
    }

    /// <summary>Cancels (a refund, an administrator); returns the provider whose capacity is freed, if any.</summary>
    public Guid? Cancel(DateTimeOffset now)
    {
        if (Status == ServiceOrderStatus.Cancelled) return null;
        var held = ServiceOrderStateMachine.HoldsCapacity(Status) ? ProviderId : null;
        MoveTo(ServiceOrderStatus.Cancelled, now);
        CancelledAt = now;
        return held;
    }

    private void MoveTo(ServiceOrderStatus next, DateTimeOffset now)
    {
        if (!ServiceOrderStateMachine.CanTransition(Status, next))
            throw new ServiceOrderException($"A {Status.WireName()} order cannot become {next.WireName()}.");
        Status = next;
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }
}

/// <summary>A note between customer, provider and administrators on one order; deliveries carry attachments.</summary>
public sealed class ServiceOrderMessage
{
    public long Id { get; private set; }
    public Guid ServiceOrderId { get; init; }
    public Guid? AuthorId { get; init; }
    public required string AuthorRole { get; init; }
    public required string AuthorName { get; init; }
    public required string Body { get; init; }
    public required string Kind { get; init; }
    public List<MessageAttachment> Attachments { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record MessageAttachment(string Id, string FileName, long Size, string ContentType, string StoragePath);
