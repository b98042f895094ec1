using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Fulfillment.Records;

internal sealed class FulfillmentRecordConfiguration : IEntityTypeConfiguration<FulfillmentRecord>
{
    public void Configure(EntityTypeBuilder<FulfillmentRecord> builder)
    {
        builder.ToTable("fulfillment_records");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.OrderNumber).HasMaxLength(40);
        builder.Property(r => r.CustomerEmail).HasMaxLength(320);
        builder.Property(r => r.Driver).HasMaxLength(40);
        builder.Property(r => r.ProductType).HasMaxLength(40);
        builder.Property(r => r.ProductSlug).HasMaxLength(120);
        builder.Property(r => r.ProductName).HasMaxLength(200);
        builder.Property(r => r.Status).HasSnakeCaseConversion().HasMaxLength(20);
        builder.Property(r => r.ExternalReferenceId).HasMaxLength(200);
        builder.Property(r => r.ExternalWorkspaceUrl).HasMaxLength(500);
        builder.ConfigureLease();
        builder.HasIndex(r => r.OrderItemId).IsUnique();
        builder.HasIndex(r => r.OrderId);
        builder.HasIndex(r => new { r.Status, r.NextAttemptAt });
        builder.HasIndex(r => new { r.Driver, r.Status });
        builder.Ignore(r => r.IsFinished);
        builder.Ignore(r => r.Duration);
    }
}
