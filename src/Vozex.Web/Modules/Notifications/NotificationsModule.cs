using Microsoft.Extensions.DependencyInjection.Extensions;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Modules.Notifications.Mailbox;
using Vozex.Web.Modules.Notifications.Outbox;
using Vozex.Web.Modules.Notifications.Sending;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Notifications;

/// <summary>
/// Mail (SPEC §10): a durable outbox written with the event that causes the mail, a leased sender with retries, SMTP
/// when <c>Vozex:Mail:Smtp:Host</c> is set and otherwise the local mailbox at <c>/admin/mailbox</c>. ADR 0007.
/// </summary>
public static class NotificationsModule
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();

        services.AddScoped<IMailOutbox, MailOutbox>();
        services.AddScoped<IMailAdminReads, MailAdminReads>();
        // Accounts registers a sender that only logs (with TryAdd), so it works without this module; mail replaces it.
        services.Replace(ServiceDescriptor.Scoped<IPasswordResetLinkSender, MailPasswordResetLinkSender>());

        services.AddSingleton<MailSite>();
        services.AddScoped<MailRendering>();
        if (options.UsesSmtp) services.AddScoped<IMailTransport, SmtpMailTransport>();
        else services.AddScoped<IMailTransport, LocalMailboxTransport>();
        services.AddScoped<MailboxQueries>();

        var sender = options.Sender;
        services.AddLeasedWork<OutboxMail, MailSender>(o =>
        {
            o.MaxAttempts = sender.MaxAttempts;
            o.RetryBase = sender.RetryBase;
            o.RetryMax = sender.RetryMax;
            o.Lease = sender.Lease;
            o.IdlePoll = sender.IdlePoll;
            o.BatchSize = sender.BatchSize;
            o.Parallelism = sender.Parallelism;
        });
        return builder;
    }

    /// <summary>The admin API: <c>GET /admin/mailbox</c>, <c>GET /admin/mailbox/{id}</c>. The pages are routed components.</summary>
    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api) => api.MapMailboxApi();
}
