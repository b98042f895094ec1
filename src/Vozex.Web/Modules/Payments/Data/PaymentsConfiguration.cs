using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vozex.Web.Modules.Payments.Disputes;
using Vozex.Web.Modules.Payments.Gateways.DodoPayments;
using Vozex.Web.Modules.Payments.Gateways.PayPal;
using Vozex.Web.Modules.Payments.Gateways.Sandbox;
using Vozex.Web.Modules.Payments.Refunds;
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
        builder.HasIndex(e => new { e.Gateway, e.ReceivedAt });
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

internal sealed class RefundRecordConfiguration : IEntityTypeConfiguration<RefundRecord>
{
    public void Configure(EntityTypeBuilder<RefundRecord> builder)
    {
        builder.ToTable("payments_refunds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Gateway).HasMaxLength(30);
        builder.Property(r => r.GatewayPaymentId).HasMaxLength(200);
        builder.Property(r => r.GatewayRefundId).HasMaxLength(200);
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(r => r.Reason).HasMaxLength(3000);
        builder.Property(r => r.Status).HasSnakeCaseConversion();
        builder.Property(r => r.RequestedBy).HasMaxLength(320);
        builder.Property(r => r.LastError).HasMaxLength(500);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.Gateway, r.GatewayRefundId }).IsUnique();
        builder.HasIndex(r => r.OrderId);
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RefundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RefundItemConfiguration : IEntityTypeConfiguration<RefundItem>
{
    public void Configure(EntityTypeBuilder<RefundItem> builder)
    {
        builder.ToTable("payments_refund_items");
        // One row per order item while its refund has not failed (a failed refund deletes its rows): no item is refunded twice.
        builder.HasKey(i => i.OrderItemId);
        builder.Property(i => i.OrderItemId).ValueGeneratedNever();
        builder.Property(i => i.ProductKey).HasMaxLength(200);
        builder.Property(i => i.BillingCycle).HasMaxLength(20);
        builder.HasIndex(i => i.RefundId);
    }
}

internal sealed class DisputeRecordConfiguration : IEntityTypeConfiguration<DisputeRecord>
{
    public void Configure(EntityTypeBuilder<DisputeRecord> builder)
    {
        builder.ToTable("payments_disputes");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Gateway).HasMaxLength(30);
        builder.Property(d => d.GatewayDisputeId).HasMaxLength(200);
        builder.Property(d => d.GatewayPaymentId).HasMaxLength(200);
        builder.Property(d => d.Amount).HasMaxLength(40);
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.Status).HasMaxLength(60);
        builder.Property(d => d.Reason).HasMaxLength(500);
        builder.HasIndex(d => new { d.Gateway, d.GatewayDisputeId }).IsUnique();
        builder.HasIndex(d => d.OrderId);
    }
}

internal sealed class DodoProductMappingConfiguration : IEntityTypeConfiguration<DodoProductMapping>
{
    public void Configure(EntityTypeBuilder<DodoProductMapping> builder)
    {
        builder.ToTable("payments_dodo_products");
        builder.HasKey(m => m.Key);
        builder.Property(m => m.Key).HasMaxLength(300);
        builder.Property(m => m.DodoProductId).HasMaxLength(100);
    }
}

internal sealed class PayPalOrderRecordConfiguration : IEntityTypeConfiguration<PayPalOrderRecord>
{
    public void Configure(EntityTypeBuilder<PayPalOrderRecord> builder)
    {
        builder.ToTable("payments_paypal_orders");
        builder.HasKey(r => r.PayPalOrderId);
        builder.Property(r => r.PayPalOrderId).HasMaxLength(60);
        builder.Property(r => r.ReturnUrl).HasMaxLength(2000);
        builder.HasIndex(r => r.OrderId);
    }
}

internal sealed class ReconciliationCheckConfiguration : IEntityTypeConfiguration<Reconciliation.ReconciliationCheck>
{
    public void Configure(EntityTypeBuilder<Reconciliation.ReconciliationCheck> builder)
    {
        builder.ToTable("payments_reconciliation_checks");
        builder.HasKey(c => c.OrderId);
        builder.Property(c => c.LastOutcome).HasMaxLength(300);
        builder.HasIndex(c => c.NextCheckAt);
    }
}

internal sealed class GatewaySubscriptionLinkConfiguration : IEntityTypeConfiguration<Subscriptions.GatewaySubscriptionLink>
{
    public void Configure(EntityTypeBuilder<Subscriptions.GatewaySubscriptionLink> builder)
    {
        builder.ToTable("payments_gateway_subscriptions");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Gateway).HasMaxLength(30);
        builder.Property(l => l.GatewaySubscriptionId).HasMaxLength(200);
        builder.HasIndex(l => new { l.Gateway, l.GatewaySubscriptionId }).IsUnique();
        builder.HasIndex(l => l.OrderId);
    }
}

internal sealed class PayPalPlanMappingConfiguration : IEntityTypeConfiguration<Subscriptions.PayPalPlanMapping>
{
    public void Configure(EntityTypeBuilder<Subscriptions.PayPalPlanMapping> builder)
    {
        builder.ToTable("payments_paypal_plans");
        builder.HasKey(m => m.Key);
        builder.Property(m => m.Key).HasMaxLength(300);
        builder.Property(m => m.PayPalProductId).HasMaxLength(100);
        builder.Property(m => m.PayPalPlanId).HasMaxLength(100);
    }
}
