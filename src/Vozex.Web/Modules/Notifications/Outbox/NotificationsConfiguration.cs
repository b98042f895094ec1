using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vozex.Web.Modules.Notifications.Mailbox;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Notifications.Outbox;

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.ToTable("notifications_outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasMaxLength(60);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.ToEmail).HasMaxLength(320);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.DeliveredVia).HasMaxLength(20);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.ConfigureQueue();
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => m.CreatedAt);
    }
}

internal sealed class MailboxMessageConfiguration : IEntityTypeConfiguration<MailboxMessage>
{
    public void Configure(EntityTypeBuilder<MailboxMessage> builder)
    {
        builder.ToTable("notifications_mailbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.Kind).HasMaxLength(60);
        builder.Property(m => m.From).HasMaxLength(400);
        builder.Property(m => m.ToEmail).HasMaxLength(320);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => new { m.ToEmail, m.Id });
    }
}
