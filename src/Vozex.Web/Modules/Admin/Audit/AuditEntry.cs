namespace Vozex.Web.Modules.Admin.Audit;

/// <summary>One administrative action; rows are only ever added.</summary>
internal sealed class AuditEntry
{
    public long Id { get; private set; }
    public DateTimeOffset At { get; init; }
    public Guid? ActorId { get; init; }
    public required string ActorEmail { get; init; }
    public required string Action { get; init; }
    public required string TargetType { get; init; }
    public required string TargetId { get; init; }
    public string? Details { get; init; }
}
