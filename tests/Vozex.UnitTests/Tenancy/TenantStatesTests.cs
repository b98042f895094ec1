using Vozex.Web.Modules.Tenancy.Domain;

namespace Vozex.UnitTests.Tenancy;

public sealed class TenantStatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static Tenant NewTenant() => new()
    {
        Slug = "acme", Domain = "acme.localhost", CustomerEmail = "a@example.com", ProductSlug = "p", ProductName = "P", ProductType = "hotel_management",
        Plan = "basic", PlanName = "Basic", Features = [], Limits = new Dictionary<string, int>(), DatabaseName = "vozex_t_acme",
    };

    [Theory]
    [InlineData(TenantStatus.Active, TenantStatus.Suspended, true)]
    [InlineData(TenantStatus.Active, TenantStatus.Cancelled, true)]
    [InlineData(TenantStatus.Active, TenantStatus.Deleted, false)]
    [InlineData(TenantStatus.Suspended, TenantStatus.Active, true)]
    [InlineData(TenantStatus.Suspended, TenantStatus.Cancelled, true)]
    [InlineData(TenantStatus.Cancelled, TenantStatus.Active, false)]
    [InlineData(TenantStatus.Cancelled, TenantStatus.Suspended, false)]
    [InlineData(TenantStatus.Cancelled, TenantStatus.Deleted, true)]
    [InlineData(TenantStatus.Deleted, TenantStatus.Active, false)]
    [InlineData(TenantStatus.Deleted, TenantStatus.Cancelled, false)]
    public void Only_the_lifecycle_transitions_are_allowed(TenantStatus from, TenantStatus to, bool allowed) =>
        Assert.Equal(allowed, TenantStates.CanTransition(from, to));

    [Fact]
    public void Cancelling_keeps_the_reason_and_schedules_deletion_after_the_grace_period_and_resuming_clears_the_reason()
    {
        var tenant = NewTenant();
        Assert.True(tenant.TryChange(TenantStatus.Suspended, Now, "Payment overdue"));
        Assert.Equal("Payment overdue", tenant.StatusReason);
        Assert.True(tenant.TryChange(TenantStatus.Active, Now));
        Assert.Null(tenant.StatusReason);

        Assert.True(tenant.TryChange(TenantStatus.Cancelled, Now, "Refunded", TimeSpan.FromDays(30)));
        Assert.Equal(Now, tenant.CancelledAt);
        Assert.Equal(Now.AddDays(30), tenant.DeleteAfter);
        Assert.False(tenant.TryChange(TenantStatus.Active, Now.AddDays(1)));
        Assert.Equal(TenantStatus.Cancelled, tenant.Status);

        Assert.True(tenant.TryChange(TenantStatus.Deleted, Now.AddDays(30)));
        Assert.Equal(Now.AddDays(30), tenant.DeletedAt);
        Assert.Equal("Refunded", tenant.StatusReason);
    }

    [Fact]
    public void Every_status_has_a_wire_name()
    {
        Assert.Equal(["active", "suspended", "cancelled", "deleted"], Enum.GetValues<TenantStatus>().Select(TenantStates.Name));
    }
}
