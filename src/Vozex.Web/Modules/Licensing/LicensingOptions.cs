using System.ComponentModel.DataAnnotations;

namespace Vozex.Web.Modules.Licensing;

/// <summary>Bound to <c>Vozex:Licensing</c>.</summary>
public sealed class LicensingOptions
{
    public const string Section = "Vozex:Licensing";

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    [Range(1, 100)]
    public int MaxDownloadsPerLink { get; set; } = 5;

    /// <summary>License API calls (activate, deactivate, validate) allowed per client IP in each <see cref="ApiWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int ApiPermitsPerIp { get; set; } = 60;

    /// <summary>License API calls allowed per license key in each <see cref="ApiWindow"/>, from anywhere.</summary>
    [Range(1, 1_000_000)]
    public int ApiPermitsPerLicense { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ApiWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Activations plus deactivations of one license per <see cref="ActivationChurnWindow"/>, so one seat cannot be
    /// passed from machine to machine without end.
    /// </summary>
    [Range(1, 10_000)]
    public int ActivationChangesPerLicense { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ActivationChurnWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Download requests per client IP per minute (range continuations included).</summary>
    [Range(1, 1_000_000)]
    public int DownloadsPerIpPerMinute { get; set; } = 120;
}
