using System.Security.Cryptography;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Payments.Gateways.Sandbox;

/// <summary>Bound to "Vozex:Payments:Sandbox".</summary>
public sealed class SandboxOptions
{
    public const string Section = "Vozex:Payments:Sandbox";

    /// <summary>Unset: enabled everywhere but Production. Production must opt in explicitly.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The <c>whsec_</c> secret webhooks are signed with; generated once into the data directory when unset.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where Pay and Decline deliver webhooks; unset: this app's own /webhooks/sandbox at the URL the browser used.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>How scheduled charges (subscription renewals) answer at start: <c>succeed</c> (unset) or <c>decline</c>.</summary>
    public string? RenewalOutcome { get; set; }
}

/// <summary>The effective sandbox settings after defaults are applied.</summary>
public sealed class SandboxSettings(bool enabled, string webhookSecret, string? webhookUrl)
{
    public bool Enabled { get; } = enabled;
    public string WebhookSecret { get; } = webhookSecret;
    public string? WebhookUrl { get; } = webhookUrl;

    public static SandboxSettings Resolve(SandboxOptions options, IHostEnvironment environment, DataPaths paths)
    {
        var enabled = options.Enabled ?? !environment.IsProduction();
        var secret = options.WebhookSecret;
        if (string.IsNullOrWhiteSpace(secret) && enabled)
            secret = LoadOrCreateSecret(paths.Combine("sandbox-webhook-secret"));
        return new SandboxSettings(enabled, secret ?? "", options.WebhookUrl);
    }

    private static string LoadOrCreateSecret(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var temp = path + ".tmp";
        File.WriteAllText(temp, secret);
        try { File.Move(temp, path, overwrite: false); }
        catch (IOException) { File.Delete(temp); } // another process wrote it first; use theirs
        return File.ReadAllText(path).Trim();
    }
}
