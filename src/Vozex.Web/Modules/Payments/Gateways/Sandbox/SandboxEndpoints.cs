using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Vozex.Web.Modules.Payments.Gateways.Sandbox;

internal static class SandboxEndpoints
{
    /// <summary>Pay and Decline, posted by the forms of the sandbox checkout page (antiforgery-checked).</summary>
    public static IEndpointRouteBuilder MapSandboxGateway(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/sandbox/checkout/{sessionId}").ExcludeFromDescription();
        sandbox.MapPost("/pay", (string sessionId, [FromForm] string? choice, HttpContext http, SandboxGateway gateway, SandboxSettings settings, CancellationToken ct)
            => CompleteAsync(sessionId, pay: true, http, gateway, settings, ct));
        sandbox.MapPost("/decline", (string sessionId, [FromForm] string? choice, HttpContext http, SandboxGateway gateway, SandboxSettings settings, CancellationToken ct)
            => CompleteAsync(sessionId, pay: false, http, gateway, settings, ct));
        return app;
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> CompleteAsync(
        string sessionId, bool pay, HttpContext http, SandboxGateway gateway, SandboxSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.Enabled) return TypedResults.NotFound();
        var webhookUrl = http.RequestServices.GetRequiredService<SandboxWebhookTarget>().Url;
        var session = await gateway.CompleteAsync(sessionId, pay, webhookUrl, cancellationToken);
        if (session is null) return TypedResults.NotFound();
        http.RequestServices.GetRequiredService<Platform.Jobs.WorkSignal<SandboxWebhookDelivery>>().Pulse();
        return TypedResults.Redirect(session.ReturnUrl);
    }
}
