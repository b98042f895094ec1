using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Gateways.Sandbox;

namespace Vozex.Web.Modules.Payments;

internal sealed class PaymentGateways(SandboxSettings sandbox, IServiceProvider services) : IPaymentGateways
{
    public IReadOnlyList<string> Enabled { get; } = sandbox.Enabled ? [GatewayNames.Sandbox] : [];

    public bool IsEnabled(string gateway) => Enabled.Contains(gateway);

    public Task<CheckoutSession> CreateCheckoutAsync(string gateway, CheckoutRequest request, CancellationToken cancellationToken) => gateway switch
    {
        GatewayNames.Sandbox when sandbox.Enabled => services.GetRequiredService<SandboxGateway>().CreateCheckoutAsync(request, cancellationToken),
        _ => throw new InvalidOperationException($"The payment gateway '{gateway}' is not enabled."),
    };
}
