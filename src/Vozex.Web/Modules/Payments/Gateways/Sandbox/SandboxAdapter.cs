using Vozex.Web.Modules.Payments.Contracts;

namespace Vozex.Web.Modules.Payments.Gateways.Sandbox;

internal sealed class SandboxAdapter(SandboxGateway sandbox, SandboxSettings settings, IServiceProvider services) : IGatewayAdapter
{
    public string Name => GatewayNames.Sandbox;

    public bool IsConfigured => settings.Enabled;

    public Task<CheckoutSession> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken) =>
        sandbox.CreateCheckoutAsync(request, cancellationToken);

    public Task<GatewayPayment?> FetchAsync(string sessionId, CancellationToken cancellationToken) => sandbox.FetchAsync(sessionId, cancellationToken);

    public async Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        if (request.RefundId is { } id && await sandbox.FindRefundAsync(id, cancellationToken) is { } existing) return existing;
        return await sandbox.RefundAsync(request, services.GetRequiredService<SandboxWebhookTarget>().Url, cancellationToken);
    }
}
