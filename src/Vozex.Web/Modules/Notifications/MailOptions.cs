using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Vozex.Web.Modules.Notifications;

/// <summary>Bound to <c>Vozex:Mail</c>. With <c>Smtp:Host</c> unset, mail goes to the local mailbox in the database.</summary>
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Vozex:Mail";
    public const string DefaultFrom = "VOZEX <no-reply@vozex.local>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// The site's public address, used for links in mail (the order page). Unset: the address the server listens on,
    /// which is right for a single local node and wrong behind a proxy.
    /// </summary>
    public Uri? SiteUrl { get; set; }

    public MailSenderOptions Sender { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SiteUrl is { } site && (!site.IsAbsoluteUri || (site.Scheme != Uri.UriSchemeHttp && site.Scheme != Uri.UriSchemeHttps)))
            yield return new ValidationResult("Vozex:Mail:SiteUrl must be an absolute http(s) address.", [nameof(SiteUrl)]);
        foreach (var (name, part) in new (string, object)[] { (nameof(Smtp), Smtp), (nameof(Sender), Sender) })
        {
            // Data annotations do not descend into nested objects by themselves.
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(part, new ValidationContext(part), results, validateAllProperties: true);
            foreach (var result in results)
                yield return new ValidationResult($"Vozex:Mail:{name}: {result.ErrorMessage}", result.MemberNames.Select(m => $"{name}.{m}"));
        }
        if (!MailboxAddress.TryParse(Smtp.From, out _))
            yield return new ValidationResult($"Vozex:Mail:Smtp:From is not a mail address: '{Smtp.From}'.", ["Smtp.From"]);
        if (!UsesSmtp) yield break;
        if (Smtp.Port is < 1 or > 65535)
            yield return new ValidationResult("Vozex:Mail:Smtp:Port must be from 1 to 65535.", ["Smtp.Port"]);
        if (string.IsNullOrEmpty(Smtp.UserName) != string.IsNullOrEmpty(Smtp.Password))
            yield return new ValidationResult("Set both Vozex:Mail:Smtp:UserName and Vozex:Mail:Smtp:Password, or neither.", ["Smtp.UserName"]);
        if (Smtp.Security is not ("auto" or "none" or "starttls" or "ssl"))
            yield return new ValidationResult("Vozex:Mail:Smtp:Security must be auto, none, starttls or ssl.", ["Smtp.Security"]);
    }
}

/// <summary>Bound to <c>Vozex:Mail:Smtp</c> (API.md).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }

    /// <summary>A secret: never logged, never shown.</summary>
    public string? Password { get; set; }

    public string From { get; set; } = MailOptions.DefaultFrom;

    /// <summary><c>auto</c> (TLS on 465, STARTTLS when offered elsewhere), <c>none</c>, <c>starttls</c> (required) or <c>ssl</c>.</summary>
    public string Security { get; set; } = "auto";

    /// <summary>A server that accepts the connection but never answers must not hold the sender's lease forever.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Bound to <c>Vozex:Mail:Sender</c>: how the outbox runner retries. Defaults suit a mail server that is down for hours.</summary>
public sealed class MailSenderOptions
{
    /// <summary>Attempts (the first included) before a message is marked failed for an administrator.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// Messages of a batch sent at once. Each in-flight message is one that a crash between the server's 250 and our
    /// commit could send twice (ADR 0007), so this also bounds the duplicates a crash can cause.
    /// </summary>
    [Range(1, 16)]
    public int Parallelism { get; set; } = 2;
}
