using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vozex.Web.Modules.Payments.Gateways.Sandbox;
using Vozex.Web.Modules.Payments.Inbox;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Payments.Data;

internal sealed class WebhookInboxConfiguration : IEntityTypeConfiguration<WebhookInboxEntry>
{
    public void Configure(EntityTypeBuilder<WebhookInboxEntry> builder)
    {
        builder.ToTable("payments_webhook_inbox");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Gateway).HasMaxLength(30);
        builder.Property(e => e.WebhookId).HasMaxLength(200);
        builder.Property(e => e.EventType).HasMaxLength(100);
        builder.Property(e => e.Outcome).HasMaxLength(200);
        builder.ConfigureQueue();
        builder.HasIndex(e => new { e.Gateway, e.WebhookId }).IsUnique();
        builder.HasIndex(e => e.ReceivedAt);
    }
}

internal sealed class PaymentRecordConfiguration : IEntityTypeConfiguration<PaymentRecord>
{
    public void Configure(EntityTypeBuilder<PaymentRecord> builder)
    {
        builder.ToTable("payments_payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Gateway).HasMaxLength(30);
        builder.Property(p => p.GatewayPaymentId).HasMaxLength(200);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.Status).HasMaxLength(30);
        builder.Property(p => p.Application).HasMaxLength(30);
        builder.HasIndex(p => new { p.Gateway, p.GatewayPaymentId }).IsUnique();
        builder.HasIndex(p => p.OrderId);
    }
}

internal sealed class SandboxSessionConfiguration : IEntityTypeConfiguration<SandboxSession>
{
    public void Configure(EntityTypeBuilder<SandboxSession> builder)
    {
        builder.ToTable("payments_sandbox_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(60);
        builder.Property(s => s.OrderNumber).HasMaxLength(40);
        builder.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(s => s.CustomerEmail).HasMaxLength(320);
        builder.Property(s => s.Status).HasSnakeCaseConversion();
        builder.Property(s => s.PaymentId).HasMaxLength(60);
        builder.Property(s => s.ReturnUrl).HasMaxLength(2000);
        builder.Property(s => s.Lines).HasJsonConversion();
        builder.HasIndex(s => s.OrderId);
    }
}

internal sealed class SandboxWebhookDeliveryConfiguration : IEntityTypeConfiguration<SandboxWebhookDelivery>
{
    public void Configure(EntityTypeBuilder<SandboxWebhookDelivery> builder)
    {
        builder.ToTable("payments_sandbox_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.WebhookId).HasMaxLength(60);
        builder.Property(d => d.Url).HasMaxLength(2000);
        builder.ConfigureQueue();
    }
}
