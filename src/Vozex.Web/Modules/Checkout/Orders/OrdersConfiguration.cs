using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Checkout.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("checkout_orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Number).HasMaxLength(20);
        builder.HasIndex(o => o.Number).IsUnique();
        builder.Property(o => o.CustomerEmail).HasMaxLength(320);
        builder.Property(o => o.Status).HasSnakeCaseConversion();
        builder.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(o => o.Gateway).HasMaxLength(30);
        builder.Property(o => o.GatewaySessionId).HasMaxLength(200);
        builder.Property(o => o.CheckoutUrl).HasMaxLength(2000);
        builder.Property(o => o.IdempotencyKey).HasMaxLength(100);
        builder.Property(o => o.RequestHash).HasMaxLength(64);
        builder.Property(o => o.FailureReason).HasMaxLength(500);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.Ignore(o => o.TotalMoney);
        builder.HasIndex(o => new { o.CustomerId, o.IdempotencyKey }).IsUnique();
        builder.HasIndex(o => new { o.CustomerId, o.CreatedAt });
        builder.HasIndex(o => new { o.Status, o.ExpiresAt });
        builder.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Items).AutoInclude();
    }
}

internal sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> builder)
    {
        builder.ToTable("checkout_order_items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.ProductSlug).HasMaxLength(80);
        builder.Property(i => i.ProductName).HasMaxLength(200);
        builder.Property(i => i.ProductType).HasMaxLength(40);
        builder.Property(i => i.DeliveryModel).HasMaxLength(20);
        builder.Property(i => i.BillingCycle).HasMaxLength(20);
        builder.Property(i => i.Subdomain).HasMaxLength(40);
        builder.Property(i => i.Lines).HasJsonConversion();
        builder.HasIndex(i => new { i.OrderId, i.Position }).IsUnique();
    }
}

internal sealed class SubdomainReservationConfiguration : IEntityTypeConfiguration<SubdomainReservation>
{
    public void Configure(EntityTypeBuilder<SubdomainReservation> builder)
    {
        builder.ToTable("checkout_subdomain_reservations");
        builder.HasKey(r => r.Subdomain);
        builder.Property(r => r.Subdomain).HasMaxLength(40);
        builder.HasIndex(r => r.OrderId);
    }
}
