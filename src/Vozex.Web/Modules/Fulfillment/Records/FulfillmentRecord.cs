using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Fulfillment.Records;

/// <summary>
/// The durable fulfilment of one paid order item (SPEC §7). Unique per order item, so however often a payment is
/// applied there is one record. A record left "processing" by a killed node is claimable again once its lease expires.
/// </summary>
public sealed class FulfillmentRecord : ILeasedWork<FulfillmentRecord>
{
    public long Id { get; private set; }
    public Guid OrderId { get; init; }
    public required string OrderNumber { get; init; }
    public long OrderItemId { get; init; }
    public Guid CustomerId { get; init; }
    public required string CustomerEmail { get; init; }
    public required string Driver { get; init; }
    public required string ProductType { get; init; }
    public required string ProductSlug { get; init; }
    public required string ProductName { get; init; }
    public required string PayloadSnapshot { get; init; }
    public string? TermsSnapshot { get; init; }
    public FulfillmentStatus Status { get; private set; } = FulfillmentStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public string? LastError { get; set; }
    public string? ExternalReferenceId { get; private set; }
    public string? ExternalWorkspaceUrl { get; private set; }

    /// <summary>When the order was paid: the start of the paid → fulfilled duration.</summary>
    public DateTimeOffset PaidAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Expression<Func<FulfillmentRecord, bool>> Claimable =>
        r => r.Status == FulfillmentStatus.Pending || r.Status == FulfillmentStatus.Retrying || r.Status == FulfillmentStatus.Processing;

    public bool IsFinished => FulfillmentStates.IsFinished(Status);

    public TimeSpan? Duration => FinishedAt - PaidAt;

    /// <summary>Every claimable status may move to processing (a takeover re-enters it), so the claim sets it directly.</summary>
    public static void OnClaim(UpdateSettersBuilder<FulfillmentRecord> setters, DateTimeOffset now) => setters
        .SetProperty(r => r.Status, FulfillmentStatus.Processing)
        .SetProperty(r => r.StartedAt, r => r.StartedAt ?? now)
        .SetProperty(r => r.UpdatedAt, now);

    /// <summary>What <see cref="OnClaim"/> does in SQL, for a record held in memory only.</summary>
    internal void Claimed(DateTimeOffset now)
    {
        MoveTo(FulfillmentStatus.Processing, now);
        StartedAt ??= now;
    }

    /// <summary>Records what the driver produced; the runner's <see cref="Succeeded"/> follows in the same save.</summary>
    public void Fulfilled(FulfillmentResult result, DateTimeOffset now)
    {
        if (result.Status is not (FulfillmentStatus.Active or FulfillmentStatus.Completed))
            throw new InvalidOperationException($"A driver must end a record active or completed, not {result.Status}.");
        MoveTo(result.Status, now);
        ExternalReferenceId = result.ExternalReferenceId;
        ExternalWorkspaceUrl = result.ExternalWorkspaceUrl;
        FinishedAt = now;
        LastError = null;
    }

    public void Succeeded(DateTimeOffset now)
    {
        if (!IsFinished) throw new InvalidOperationException($"Fulfilment {Id} succeeded without a driver result.");
    }

    public void WillRetry(DateTimeOffset now, DateTimeOffset nextAttemptAt, string error)
    {
        MoveTo(FulfillmentStatus.Retrying, now);
        NextAttemptAt = nextAttemptAt;
        LastError = error;
    }

    public void GaveUp(DateTimeOffset now, string error)
    {
        MoveTo(FulfillmentStatus.Failed, now);
        LastError = error;
        FinishedAt = now;
    }

    /// <summary>An administrator's retry: a fresh set of attempts, due now.</summary>
    public bool Retry(DateTimeOffset now)
    {
        if (!FulfillmentStates.CanTransition(Status, FulfillmentStatus.Retrying) || Status == FulfillmentStatus.Processing) return false;
        MoveTo(FulfillmentStatus.Retrying, now);
        Attempts = 0;
        NextAttemptAt = now;
        FinishedAt = null;
        return true;
    }

    public bool Revoke(DateTimeOffset now)
    {
        if (!FulfillmentStates.CanTransition(Status, FulfillmentStatus.Revoked)) return false;
        MoveTo(FulfillmentStatus.Revoked, now);
        return true;
    }

    private void MoveTo(FulfillmentStatus next, DateTimeOffset now)
    {
        if (!FulfillmentStates.CanTransition(Status, next))
            throw new InvalidOperationException($"Fulfilment {Id} cannot go from {Status} to {next}.");
        Status = next;
        if (now > UpdatedAt) UpdatedAt = now;
    }
}
