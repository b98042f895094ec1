using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Query;

namespace Vozex.Web.Platform.Jobs;

/// <summary>
/// A row that is a piece of durable work (ADR 0002). The runner claims it with a lease, so a crashed
/// node's row is taken over once the lease expires, and two nodes never run it at the same time.
/// </summary>
public interface ILeasedWork
{
    long Id { get; }
    int Attempts { get; set; }
    DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The claim that holds the row; a concurrency token, so a runner that lost its lease cannot record an outcome.</summary>
    string? LeaseOwner { get; set; }
    DateTimeOffset? LeaseExpiresAt { get; set; }
    string? LastError { get; set; }
}

/// <summary>A leased-work row whose own status says when it may be claimed and records each outcome.</summary>
public interface ILeasedWork<TSelf> : ILeasedWork where TSelf : class, ILeasedWork<TSelf>
{
    /// <summary>Rows in a state the runner may claim; the runner adds "due" and "not leased by a live claim".</summary>
    static abstract Expression<Func<TSelf, bool>> Claimable { get; }

    /// <summary>
    /// Extra columns the claim sets in the same UPDATE that takes the lease (e.g. a "processing" status and a start
    /// time), so a claimed row shows its state without another round trip.
    /// </summary>
    static abstract void OnClaim(UpdateSettersBuilder<TSelf> setters, DateTimeOffset now);

    void Succeeded(DateTimeOffset now);

    void WillRetry(DateTimeOffset now, DateTimeOffset nextAttemptAt, string error);

    void GaveUp(DateTimeOffset now, string error);
}

public enum WorkStatus
{
    Pending,
    Retrying,
    Done,
    Failed,
}

/// <summary>The plain queue row: pending or retrying until done or failed.</summary>
public abstract class QueuedWork<TSelf> : ILeasedWork<TSelf> where TSelf : QueuedWork<TSelf>
{
    public long Id { get; private set; }
    public WorkStatus Status { get; set; } = WorkStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public static Expression<Func<TSelf, bool>> Claimable => w => w.Status == WorkStatus.Pending || w.Status == WorkStatus.Retrying;

    public static void OnClaim(UpdateSettersBuilder<TSelf> setters, DateTimeOffset now) { }

    public void Succeeded(DateTimeOffset now)
    {
        Status = WorkStatus.Done;
        CompletedAt = now;
        LastError = null;
    }

    public void WillRetry(DateTimeOffset now, DateTimeOffset nextAttemptAt, string error)
    {
        Status = WorkStatus.Retrying;
        NextAttemptAt = nextAttemptAt;
        LastError = error;
    }

    public void GaveUp(DateTimeOffset now, string error)
    {
        Status = WorkStatus.Failed;
        LastError = error;
    }

    /// <summary>Puts a finished or failed row back in the queue (an administrator's replay).</summary>
    public void Requeue(DateTimeOffset now)
    {
        Status = WorkStatus.Pending;
        NextAttemptAt = now;
        Attempts = 0;
        CompletedAt = null;
    }
}

/// <summary>Exponential backoff with full jitter, capped; attempt 1 is the first retry.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Min(attempt - 1, 20);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        // Half fixed, half random: spreads retries of a burst without ever retrying immediately.
        return TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
    }
}

public static class LeasedWorkModel
{
    /// <summary>The lease columns and the due-work index every leased-work table has, configured once.</summary>
    public static void ConfigureLease<T>(this EntityTypeBuilder<T> builder) where T : class, ILeasedWork
    {
        builder.Property(w => w.LeaseOwner).HasMaxLength(120).IsConcurrencyToken();
        builder.Property(w => w.LastError).HasMaxLength(2000);
    }

    /// <summary>For <see cref="QueuedWork{TSelf}"/> rows: the lease columns, the status as text and the due-work index.</summary>
    public static void ConfigureQueue<T>(this EntityTypeBuilder<T> builder) where T : QueuedWork<T>
    {
        builder.ConfigureLease();
        Data.EnumColumn.HasSnakeCaseConversion(builder.Property(w => w.Status));
        builder.HasIndex(w => new { w.Status, w.NextAttemptAt });
    }
}
