using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vozex.Web.Modules.Admin.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("admin_audit_log");
        builder.Property(e => e.ActorEmail).HasMaxLength(320);
        builder.Property(e => e.Action).HasMaxLength(80);
        builder.Property(e => e.TargetType).HasMaxLength(40);
        builder.Property(e => e.TargetId).HasMaxLength(80);
        builder.Property(e => e.Details).HasMaxLength(4000);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.TargetType, e.TargetId });
    }
}
