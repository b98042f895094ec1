using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.ServiceOrders.Data;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> builder)
    {
        builder.ToTable("service_providers");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.Property(p => p.Skills).HasJsonConversion();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.Rating);
        builder.Ignore(p => p.AverageRating);
        builder.HasIndex(p => new { p.Available, p.OpenOrders });
    }
}

internal sealed class ServiceOrderConfiguration : IEntityTypeConfiguration<ServiceOrder>
{
    public void Configure(EntityTypeBuilder<ServiceOrder> builder)
    {
        builder.ToTable("service_orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.OrderNumber).HasMaxLength(40);
        builder.Property(o => o.CustomerEmail).HasMaxLength(320);
        builder.Property(o => o.ProductSlug).HasMaxLength(120);
        builder.Property(o => o.ProductName).HasMaxLength(200);
        builder.Property(o => o.ProductType).HasMaxLength(40);
        builder.Property(o => o.PackageId).HasMaxLength(60);
        builder.Property(o => o.PackageName).HasMaxLength(120);
        builder.Property(o => o.Timeline).HasMaxLength(30);
        builder.Property(o => o.Requirements).HasMaxLength(5000);
        builder.Property(o => o.RequiredSkills).HasJsonConversion();
        builder.Property(o => o.DeclinedBy).HasJsonConversion();
        builder.Property(o => o.Status).HasSnakeCaseConversion().HasMaxLength(30);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => o.FulfillmentId).IsUnique();
        builder.HasIndex(o => new { o.Status, o.CreatedAt });
        builder.HasIndex(o => new { o.CustomerId, o.CreatedAt });
        builder.HasIndex(o => new { o.ProviderId, o.Status });
        builder.HasIndex(o => o.OrderItemId);
    }
}

internal sealed class ServiceOrderMessageConfiguration : IEntityTypeConfiguration<ServiceOrderMessage>
{
    public void Configure(EntityTypeBuilder<ServiceOrderMessage> builder)
    {
        builder.ToTable("service_order_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.AuthorRole).HasMaxLength(20);
        builder.Property(m => m.AuthorName).HasMaxLength(100);
        builder.Property(m => m.Body).HasMaxLength(5000);
        builder.Property(m => m.Kind).HasMaxLength(30);
        builder.Property(m => m.Attachments).HasJsonConversion();
        builder.HasIndex(m => new { m.ServiceOrderId, m.Id });
    }
}
