using Microsoft.Extensions.Options;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Tenancy.Provisioning;

/// <summary>Keeps <see cref="TenancyOptions.SpareDatabases"/> cloned ahead per product type and server (PostgreSQL).</summary>
internal sealed class SpareDatabaseRefill(TenantDatabases databases, IOptions<TenancyOptions> options, TimeProvider time, ILogger<SpareDatabaseRefill> logger)
    : PeriodicSweeper(time, logger)
{
    protected override TimeSpan Interval => options.Value.SpareRefillInterval;

    public override Task<int> SweepAsync(CancellationToken cancellationToken) => databases.RefillSparesAsync(cancellationToken);
}
