using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Gateways.Sandbox;

namespace Vozex.Web.Modules.Payments;

internal sealed class PaymentGateways(SandboxSettings sandbox, IServiceProvider services) : IPaymentGateways, IPaymentGatewayOperations
{
    public IReadOnlyList<string> Enabled { get; } = sandbox.Enabled ? [GatewayNames.Sandbox] : [];

    public bool IsEnabled(string gateway) => Enabled.Contains(gateway);

    public Task<CheckoutSession> CreateCheckoutAsync(string gateway, CheckoutRequest request, CancellationToken cancellationToken) => gateway switch
    {
        GatewayNames.Sandbox when sandbox.Enabled => services.GetRequiredService<SandboxGateway>().CreateCheckoutAsync(request, cancellationToken),
        _ => throw new InvalidOperationException($"The payment gateway '{gateway}' is not enabled."),
    };

    public Task<GatewayPayment?> FetchPaymentAsync(string gateway, string sessionId, CancellationToken cancellationToken) => gateway switch
    {
        GatewayNames.Sandbox when sandbox.Enabled => services.GetRequiredService<SandboxGateway>().FetchAsync(sessionId, cancellationToken),
        _ => throw new InvalidOperationException($"The payment gateway '{gateway}' is not enabled."),
    };

    public Task<RefundResult> RefundAsync(string gateway, RefundRequest request, CancellationToken cancellationToken) => gateway switch
    {
        GatewayNames.Sandbox when sandbox.Enabled => services.GetRequiredService<SandboxGateway>().RefundAsync(
            request, services.GetRequiredService<SandboxWebhookTarget>().Url, cancellationToken),
        _ => throw new InvalidOperationException($"The payment gateway '{gateway}' is not enabled."),
    };
}
