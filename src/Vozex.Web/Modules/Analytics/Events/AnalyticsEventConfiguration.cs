using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vozex.Web.Modules.Analytics.Events;

internal sealed class AnalyticsEventConfiguration : IEntityTypeConfiguration<AnalyticsEvent>
{
    public void Configure(EntityTypeBuilder<AnalyticsEvent> builder)
    {
        builder.ToTable("analytics_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasMaxLength(30);
        builder.Property(e => e.ProductSlug).HasMaxLength(120);
        builder.Property(e => e.ProductType).HasMaxLength(40);
        builder.Property(e => e.Gateway).HasMaxLength(30);
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.HasIndex(e => new { e.Kind, e.At });
        builder.HasIndex(e => e.At);
    }
}
