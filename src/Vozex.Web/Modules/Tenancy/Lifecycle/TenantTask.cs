using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Tenancy.Lifecycle;

internal enum TenantTaskKind
{
    /// <summary>Write the tenant record's plan, features and limits into the tenant database's settings.</summary>
    ApplySettings,

    /// <summary>Drop the cancelled tenant's database (due at the end of the grace period), then mark the tenant deleted.</summary>
    DeleteDatabase,
}

/// <summary>
/// Work on a tenant database that a lifecycle change committed in the marketplace unit of work. A leased-work row, so it
/// survives crashes and runs on exactly one node at a time; each kind is idempotent, so a retry after a crash finishes it.
/// </summary>
internal sealed class TenantTask : QueuedWork<TenantTask>
{
    public Guid TenantId { get; init; }
    public TenantTaskKind Kind { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
