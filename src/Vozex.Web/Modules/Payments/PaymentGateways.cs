using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Gateways;
using Vozex.Web.Modules.Payments.Health;

namespace Vozex.Web.Modules.Payments;

/// <summary>Routes each call to the gateway's adapter; a gateway without credentials is neither offered nor callable.</summary>
internal sealed class PaymentGateways(GatewayConfiguration configuration, IEnumerable<IGatewayAdapter> adapters) : IPaymentGateways, IPaymentGatewayOperations
{
    public IReadOnlyList<string> Enabled => configuration.Configured;

    public bool IsEnabled(string gateway) => configuration.IsConfigured(gateway);

    public IGatewayAdapter Adapter(string gateway) =>
        IsEnabled(gateway) ? adapters.First(a => a.Name == gateway) : throw new InvalidOperationException($"The payment gateway '{gateway}' is not enabled.");

    public async Task<CheckoutSession> CreateCheckoutAsync(string gateway, CheckoutRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await Adapter(gateway).CreateCheckoutAsync(request, cancellationToken);
        }
        catch (Exception ex) when (GatewayUnavailable.Is(ex))
        {
            throw GatewayUnavailable.Because(gateway,
                "Your order is kept without a payment: try again in a minute (with the same Idempotency-Key, the same order opens its payment page).", ex);
        }
    }

    public Task<GatewayPayment?> FetchPaymentAsync(string gateway, string sessionId, CancellationToken cancellationToken) =>
        Adapter(gateway).FetchAsync(sessionId, cancellationToken);

    public Task<RefundResult> RefundAsync(string gateway, RefundRequest request, CancellationToken cancellationToken) =>
        Adapter(gateway).RefundAsync(request, cancellationToken);
}
