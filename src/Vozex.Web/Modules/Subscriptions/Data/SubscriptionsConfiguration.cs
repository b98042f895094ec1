using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vozex.Web.Modules.Subscriptions.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Subscriptions.Data;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("subscriptions_subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.CustomerEmail).HasMaxLength(320);
        builder.Property(s => s.ProductSlug).HasMaxLength(120);
        builder.Property(s => s.ProductName).HasMaxLength(200);
        builder.Property(s => s.ProductType).HasMaxLength(40);
        builder.Property(s => s.Domain).HasMaxLength(253);
        builder.Property(s => s.Gateway).HasMaxLength(30);
        builder.Property(s => s.GatewaySubscriptionId).HasMaxLength(200);
        builder.Property(s => s.Plan).HasMaxLength(60);
        builder.Property(s => s.PlanName).HasMaxLength(120);
        builder.Property(s => s.Features).HasJsonConversion();
        builder.Property(s => s.BillingCycle).HasMaxLength(20);
        builder.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(s => s.Lines).HasJsonConversion();
        builder.Property(s => s.PendingChange!).HasJsonConversion();
        builder.Property(s => s.Status).HasSnakeCaseConversion().HasMaxLength(20);
        builder.Property(s => s.LastFailure).HasMaxLength(500);
        builder.Property(s => s.CancelReason).HasMaxLength(200);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.NextRenewalAmount);
        builder.Ignore(s => s.IsLive);
        builder.ConfigureLease();
        // One subscription per paid SaaS item and per tenant, however often its fulfilment is reported.
        builder.HasIndex(s => s.OrderItemId).IsUnique();
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.HasIndex(s => s.CustomerId);
        builder.HasIndex(s => new { s.Status, s.CurrentPeriodEnd });
        builder.HasIndex(s => new { s.TenantDeletedAt, s.NextAttemptAt });
        builder.HasIndex(s => new { s.Gateway, s.GatewaySubscriptionId });
    }
}

internal sealed class SubscriptionRenewalConfiguration : IEntityTypeConfiguration<SubscriptionRenewal>
{
    public void Configure(EntityTypeBuilder<SubscriptionRenewal> builder)
    {
        builder.ToTable("subscriptions_renewals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.GatewayPaymentId).HasMaxLength(200);
        builder.HasIndex(r => new { r.SubscriptionId, r.RenewedPeriodEnd }).IsUnique();
    }
}
