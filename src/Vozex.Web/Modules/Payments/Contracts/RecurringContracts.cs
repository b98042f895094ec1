using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Payments.Contracts;

/// <summary>
/// A charge the marketplace starts itself (a renewal, a prorated upgrade). <paramref name="ChargeKey"/> is the
/// caller's idempotency key: charging the same key again answers the first charge and takes no more money.
/// </summary>
public sealed record RecurringCharge(string Gateway, string ChargeKey, Guid OrderId, Money Amount, string CustomerEmail, string Description);

public sealed record RecurringChargeResult(bool Succeeded, string? PaymentId, string? Error);

/// <summary>
/// Charges for subscriptions that the marketplace bills itself. Only the sandbox charges on the marketplace's own
/// schedule; Dodo Payments and PayPal keep their own subscriptions and report renewals by webhook.
/// A successful charge adds the payment record to the caller's unit of work (nothing is saved here), so the charge, the
/// order it pays and the subscription's extension commit together.
/// </summary>
public interface IRecurringCharges
{
    bool ChargesOnSchedule(string gateway);

    Task<RecurringChargeResult> ChargeAsync(RecurringCharge charge, CancellationToken cancellationToken);
}

/// <summary>
/// The sandbox's scripted answer to scheduled charges, for demos and tests: succeed (the default) or decline.
/// Set from <c>Vozex:Payments:Sandbox:RenewalOutcome</c> at start and by an administrator at run time (per node).
/// </summary>
public sealed class SandboxRenewalScript
{
    private volatile bool _decline;

    public bool Decline
    {
        get => _decline;
        set => _decline = value;
    }

    public string Outcome => Decline ? "decline" : "succeed";
}
