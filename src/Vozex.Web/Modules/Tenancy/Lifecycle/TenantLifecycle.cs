using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Tenancy.Contracts;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Sites;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Tenancy.Lifecycle;

/// <summary>
/// <see cref="ITenantLifecycle"/>: tracked changes, audit entries and <see cref="TenantTask"/> rows in the caller's unit of
/// work. Once the caller has saved, this node's cached view of the tenant's site is dropped and the task runner woken.
/// </summary>
internal sealed class TenantLifecycle(
    MarketplaceDbContext db,
    IAuditLog audit,
    TenantSites sites,
    WorkSignal<TenantTask> signal,
    IOptions<TenancyOptions> options,
    TimeProvider time) : ITenantLifecycle
{
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private bool _hooked;

    public async Task<TenantSummary?> FindAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == tenantId).ToListAsync(cancellationToken)).Select(Summary).FirstOrDefault();

    public async Task<IReadOnlyList<TenantSummary>> FindByOrderItemsAsync(IReadOnlyCollection<long> orderItemIds, CancellationToken cancellationToken) =>
        (await db.Set<Tenant>().AsNoTracking().Where(t => orderItemIds.Contains(t.OrderItemId)).ToListAsync(cancellationToken)).Select(Summary).ToList();

    public Task<TenantLifecycleResult> SuspendAsync(Guid tenantId, string reason, ClaimsPrincipal? actor, CancellationToken cancellationToken) =>
        ChangeStatusAsync(tenantId, TenantStatus.Suspended, "tenant.suspend", reason, actor, cancellationToken);

    public Task<TenantLifecycleResult> ResumeAsync(Guid tenantId, ClaimsPrincipal? actor, CancellationToken cancellationToken) =>
        ChangeStatusAsync(tenantId, TenantStatus.Active, "tenant.resume", null, actor, cancellationToken);

    public Task<TenantLifecycleResult> CancelAsync(Guid tenantId, string reason, ClaimsPrincipal? actor, CancellationToken cancellationToken) =>
        ChangeStatusAsync(tenantId, TenantStatus.Cancelled, "tenant.cancel", reason, actor, cancellationToken);

    private async Task<TenantLifecycleResult> ChangeStatusAsync(Guid tenantId, TenantStatus target, string action, string? reason, ClaimsPrincipal? actor,
        CancellationToken cancellationToken)
    {
        var tenant = await db.Set<Tenant>().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null) return new TenantLifecycleResult(tenantId, TenantLifecycleOutcome.NotFound, null);
        var from = tenant.Status;
        // A deleted tenant was cancelled first: cancelling it again is a repeat, not a conflict.
        if (from == target || (target == TenantStatus.Cancelled && from == TenantStatus.Deleted))
            return new TenantLifecycleResult(tenantId, TenantLifecycleOutcome.Unchanged, TenantStates.Name(from));
        var now = time.GetUtcNow();
        var grace = options.Value.DeletionGracePeriod;
        if (!tenant.TryChange(target, now, Trim(reason), grace))
            return new TenantLifecycleResult(tenantId, TenantLifecycleOutcome.NotAllowed, TenantStates.Name(from),
                $"A {TenantStates.Name(from)} tenant cannot be {Past(target)}.");
        if (target == TenantStatus.Cancelled)
            db.Add(new TenantTask { TenantId = tenant.Id, Kind = TenantTaskKind.DeleteDatabase, CreatedAt = now, NextAttemptAt = tenant.DeleteAfter!.Value });
        audit.Record(actor ?? AuditActors.System, action, "tenant", tenant.Id.ToString(), new
        {
            slug = tenant.Slug,
            from = TenantStates.Name(from),
            to = TenantStates.Name(target),
            reason = Trim(reason),
            delete_after = target == TenantStatus.Cancelled ? tenant.DeleteAfter : null,
        });
        Touched(tenant.Slug);
        return new TenantLifecycleResult(tenantId, TenantLifecycleOutcome.Changed, TenantStates.Name(target));
    }

    public async Task<TenantLifecycleResult> ChangePlanAsync(Guid tenantId, TenantPlanChange change, ClaimsPrincipal? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var tenant = await db.Set<Tenant>().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null) return new TenantLifecycleResult(tenantId, TenantLifecycleOutcome.NotFound, null);
        var status = TenantStates.Name(tenant.Status);
        if (tenant.Status is not (TenantStatus.Active or TenantStatus.Suspended))
            return new TenantLifecycleResult(tenantId, TenantLifecycleOutcome.NotAllowed, status, $"A {status} tenant's plan cannot change.");
        var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == tenant.ProductSlug, cancellationToken);
        var plan = product?.Options.PricingPlans?.FirstOrDefault(p => p.Id == change.Plan);
        if (product is null || plan is null)
            return new TenantLifecycleResult(tenantId, TenantLifecycleOutcome.Invalid, status, $"The product does not offer the plan '{change.Plan}'.");
        var offered = (product.Options.AvailableFeatures ?? []).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = (change.Features ?? []).Where(f => !offered.Contains(f)).ToList();
        if (unknown.Count > 0)
            return new TenantLifecycleResult(tenantId, TenantLifecycleOutcome.Invalid, status, $"The product does not offer the add-on '{unknown[0]}'.");
        var features = (change.Features ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var limits = new SortedDictionary<string, int>(new Dictionary<string, int>(change.Limits ?? plan.Limits), StringComparer.Ordinal);
        if (limits.Any(l => l.Value < 0))
            return new TenantLifecycleResult(tenantId, TenantLifecycleOutcome.Invalid, status, "Limits cannot be negative.");
        if (tenant.Plan == plan.Id && tenant.Features.SequenceEqual(features) && SameLimits(tenant.Limits, limits))
            return new TenantLifecycleResult(tenantId, TenantLifecycleOutcome.Unchanged, status);

        var before = new { plan = tenant.Plan, features = tenant.Features, limits = tenant.Limits };
        var now = time.GetUtcNow();
        tenant.ChangePlan(plan.Id, plan.Name, features, new Dictionary<string, int>(limits, StringComparer.Ordinal), now);
        db.Add(new TenantTask { TenantId = tenant.Id, Kind = TenantTaskKind.ApplySettings, CreatedAt = now, NextAttemptAt = now });
        audit.Record(actor ?? AuditActors.System, "tenant.change_plan", "tenant", tenant.Id.ToString(), new
        {
            slug = tenant.Slug,
            from = before,
            to = new { plan = plan.Id, features, limits },
        });
        Touched(tenant.Slug);
        return new TenantLifecycleResult(tenantId, TenantLifecycleOutcome.Changed, status);
    }

    private static bool SameLimits(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>After the caller's save: this node serves the new status at once, and the task runner starts on new tasks.</summary>
    private void Touched(string slug)
    {
        _touched.Add(slug);
        if (_hooked) return;
        _hooked = true;
        db.SavedChanges += (_, _) =>
        {
            foreach (var s in _touched) sites.Invalidate(s);
            _touched.Clear();
            signal.Pulse();
        };
    }

    private static string? Trim(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim() is { Length: > 500 } r ? r[..500] : reason.Trim();

    private static string Past(TenantStatus status) => status switch
    {
        TenantStatus.Suspended => "suspended",
        TenantStatus.Active => "resumed",
        TenantStatus.Cancelled => "cancelled",
        _ => "changed",
    };

    internal static TenantSummary Summary(Tenant t) => new(t.Id, t.Slug, t.Domain, t.CustomerId, t.OrderItemId, t.ProductSlug, t.ProductType, t.Plan,
        t.Features, t.Limits, TenantStates.Name(t.Status), t.DeleteAfter);
}
