using System.ComponentModel.DataAnnotations;

namespace Vozex.Web.Modules.Subscriptions;

/// <summary>Bound to <c>Vozex:Subscriptions</c>: the dunning schedule and the grace periods.</summary>
public sealed class SubscriptionsOptions : IValidatableObject
{
    public const string Section = "Vozex:Subscriptions";

    /// <summary>Days after a renewal was due on which a failed charge is tried again.</summary>
    public List<int> RetryDays { get; set; } = [1, 3, 5];

    /// <summary>Unpaid this long after the renewal was due, the tenant is suspended.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Once the scheduled retries are used up, the card is tried again this often while the tenant is suspended.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan SuspendedRetryInterval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Unpaid this long after the renewal was due, the subscription is cancelled (and its tenant deleted after <see cref="DeletionGrace"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan CancelUnpaidAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// When billing expects a cancelled tenant's database to be gone (tenancy deletes it after its own
    /// <c>Vozex:Tenancy:DeletionGracePeriod</c>; keep the two equal). Billing only records the deletion.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan DeletionGrace { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long after the period end a gateway that bills on its own schedule (Dodo Payments, PayPal) may take to report
    /// the renewal; unreported by then, the renewal counts as failed and dunning starts (the gateway may still report it).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan GatewayRenewalWait { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Days before an annual renewal that the reminder mail goes out; 0 sends none.</summary>
    [Range(0, 60)]
    public int AnnualReminderDays { get; set; } = 7;

    /// <summary>How often an idle clock runner looks for due subscriptions.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryDays.Count > 10 || RetryDays.Any(d => d is < 1 or > 60) || RetryDays.Zip(RetryDays.Skip(1)).Any(p => p.Second <= p.First))
            yield return new ValidationResult("Vozex:Subscriptions:RetryDays must be at most 10 increasing day counts from 1 to 60.", [nameof(RetryDays)]);
        if (CancelUnpaidAfter < GracePeriod)
            yield return new ValidationResult("Vozex:Subscriptions:CancelUnpaidAfter must not be shorter than the GracePeriod.", [nameof(CancelUnpaidAfter)]);
    }
}
