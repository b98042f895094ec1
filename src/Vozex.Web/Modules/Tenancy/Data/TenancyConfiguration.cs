using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Tenancy.Data;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenancy_tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Slug).HasMaxLength(40);
        builder.Property(t => t.Domain).HasMaxLength(253);
        builder.Property(t => t.CustomerEmail).HasMaxLength(320);
        builder.Property(t => t.ProductSlug).HasMaxLength(120);
        builder.Property(t => t.ProductName).HasMaxLength(200);
        builder.Property(t => t.ProductType).HasMaxLength(40);
        builder.Property(t => t.Plan).HasMaxLength(60);
        builder.Property(t => t.PlanName).HasMaxLength(120);
        builder.Property(t => t.Features).HasJsonConversion();
        builder.Property(t => t.Limits).HasJsonConversion();
        builder.Property(t => t.BillingCycle).HasMaxLength(20);
        builder.Property(t => t.CustomDomain).HasMaxLength(253);
        builder.Property(t => t.Status).HasSnakeCaseConversion().HasMaxLength(20);
        builder.Property(t => t.DatabaseServer).HasMaxLength(200);
        builder.Property(t => t.DatabaseName).HasMaxLength(200);
        builder.Property(t => t.StatusReason).HasMaxLength(500);
        builder.Property(t => t.SchemaVersion).HasMaxLength(150);
        // Slug and domain are each one tenant's forever; the order item guards against provisioning one item twice.
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.HasIndex(t => t.Domain).IsUnique();
        builder.HasIndex(t => t.OrderItemId).IsUnique();
        builder.HasIndex(t => t.CustomerId);
        builder.HasIndex(t => t.DatabaseServer);
    }
}

internal sealed class TenantCredentialConfiguration : IEntityTypeConfiguration<TenantCredential>
{
    public void Configure(EntityTypeBuilder<TenantCredential> builder)
    {
        builder.ToTable("tenancy_credentials");
        builder.HasKey(c => c.TenantId);
        builder.Property(c => c.Username).HasMaxLength(100);
        builder.Property(c => c.ProtectedPassword).HasMaxLength(2000);
    }
}

internal sealed class TenantSsoTicketConfiguration : IEntityTypeConfiguration<TenantSsoTicket>
{
    public void Configure(EntityTypeBuilder<TenantSsoTicket> builder)
    {
        builder.ToTable("tenancy_sso_tickets");
        builder.HasKey(t => t.TokenHash);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.ExpiresAt);
    }
}

internal sealed class TenantTaskConfiguration : IEntityTypeConfiguration<Lifecycle.TenantTask>
{
    public void Configure(EntityTypeBuilder<Lifecycle.TenantTask> builder)
    {
        builder.ToTable("tenancy_tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasSnakeCaseConversion().HasMaxLength(30);
        builder.ConfigureQueue();
        builder.HasIndex(t => t.TenantId);
    }
}
