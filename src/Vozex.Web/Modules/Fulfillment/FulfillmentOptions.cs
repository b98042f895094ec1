using System.ComponentModel.DataAnnotations;

namespace Vozex.Web.Modules.Fulfillment;

/// <summary>Bound to <c>Vozex:Fulfillment</c>.</summary>
public sealed class FulfillmentOptions
{
    public const string Section = "Vozex:Fulfillment";

    /// <summary>Runs (first run included) before a record is marked failed for an administrator.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Renewed every third of itself while a driver runs; a killed node's records are taken over after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:30")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Records driven at once per node; a freed slot is refilled at once, not when a whole batch ends.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 8;
}
