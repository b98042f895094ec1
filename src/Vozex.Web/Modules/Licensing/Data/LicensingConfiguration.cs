using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Data;

internal sealed class LicenseConfiguration : IEntityTypeConfiguration<License>
{
    public void Configure(EntityTypeBuilder<License> builder)
    {
        builder.ToTable("licensing_licenses");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.OrderNumber).HasMaxLength(40);
        builder.Property(l => l.CustomerEmail).HasMaxLength(320);
        builder.Property(l => l.ProductSlug).HasMaxLength(120);
        builder.Property(l => l.ProductName).HasMaxLength(200);
        builder.Property(l => l.ProductType).HasMaxLength(40);
        builder.Property(l => l.LicenseType).HasMaxLength(60);
        builder.Property(l => l.LicenseTypeName).HasMaxLength(120);
        builder.Property(l => l.SupportPlan).HasMaxLength(60);
        builder.Property(l => l.Updates).HasMaxLength(20);
        builder.Property(l => l.Features).HasJsonConversion().HasMaxLength(2000);
        builder.Property(l => l.Status).HasSnakeCaseConversion().HasMaxLength(20);
        builder.Property(l => l.KeyHash).HasMaxLength(64);
        builder.Property(l => l.KeyProtected).HasMaxLength(1000);
        builder.Property(l => l.KeyHint).HasMaxLength(10);
        builder.Property(l => l.StatusReason).HasMaxLength(500);
        // The driver's idempotency: one license per fulfilment record, and so per order item.
        builder.HasIndex(l => l.FulfillmentId).IsUnique();
        builder.HasIndex(l => l.OrderItemId).IsUnique();
        builder.HasIndex(l => l.KeyHash).IsUnique();
        builder.HasIndex(l => new { l.CustomerId, l.IssuedAt });
        builder.HasIndex(l => l.OrderId);
    }
}

internal sealed class ActivationConfiguration : IEntityTypeConfiguration<Activation>
{
    public void Configure(EntityTypeBuilder<Activation> builder)
    {
        builder.ToTable("licensing_activations");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Fingerprint).HasMaxLength(200);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.HasOne<License>().WithMany().HasForeignKey(a => a.LicenseId).OnDelete(DeleteBehavior.Cascade);
        // Activating the same machine twice must find the first activation, even when both requests race.
        builder.HasIndex(a => new { a.LicenseId, a.Fingerprint }).IsUnique();
    }
}

internal sealed class DownloadLinkConfiguration : IEntityTypeConfiguration<DownloadLink>
{
    public void Configure(EntityTypeBuilder<DownloadLink> builder)
    {
        builder.ToTable("licensing_download_links");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.TokenHash).HasMaxLength(64);
        builder.Property(d => d.ReleaseVersion).HasMaxLength(40);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.StoragePath).HasMaxLength(500);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.HasOne<License>().WithMany().HasForeignKey(d => d.LicenseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.TokenHash).IsUnique();
        builder.HasIndex(d => new { d.LicenseId, d.CreatedAt });
    }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("licensing_signing_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.KeyId).HasMaxLength(16);
        builder.Property(k => k.PublicKey).HasMaxLength(100);
        builder.Property(k => k.PrivateKeyProtected).HasMaxLength(2000);
    }
}
