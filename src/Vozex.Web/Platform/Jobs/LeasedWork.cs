namespace Vozex.Web.Platform.Jobs;

public enum WorkStatus
{
    Pending,
    Retrying,
    Done,
    Failed,
}

/// <summary>
/// A row that is a piece of durable work (ADR 0002). The runner claims it with a lease, so a crashed
/// node's row is taken over once the lease expires, and two nodes never run it at the same time.
/// </summary>
public interface ILeasedWork
{
    long Id { get; }
    WorkStatus Status { get; set; }
    int Attempts { get; set; }
    DateTimeOffset NextAttemptAt { get; set; }
    string? LeaseOwner { get; set; }
    DateTimeOffset? LeaseExpiresAt { get; set; }
    string? LastError { get; set; }
    DateTimeOffset? CompletedAt { get; set; }
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
    /// <summary>The columns and the due-work index every leased-work table has, configured once.</summary>
    public static void ConfigureLease<T>(this Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> builder) where T : class, ILeasedWork
    {
        Data.EnumColumn.HasSnakeCaseConversion(builder.Property(w => w.Status));
        builder.Property(w => w.LeaseOwner).HasMaxLength(120);
        builder.Property(w => w.LastError).HasMaxLength(2000);
        builder.HasIndex(w => new { w.Status, w.NextAttemptAt });
    }
}
