using System.Net;
using Polly.Timeout;
using Vozex.Web.Modules.Payments.Contracts;
using Vozex.Web.Modules.Payments.Gateways.DodoPayments;
using Vozex.Web.Modules.Payments.Gateways.PayPal;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Payments.Gateways;

/// <summary>
/// Tells a gateway that is down or overloaded (after the resilience pipeline's retries) from one that refused the request,
/// so a person waiting on it gets "try again in a minute" (503) rather than an unexplained 500.
/// </summary>
internal static class GatewayUnavailable
{
    public static bool Is(Exception exception) => exception switch
    {
        HttpRequestException or TimeoutRejectedException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        DodoApiException dodo => dodo.IsTransient,
        PayPalApiException payPal => payPal.Status is HttpStatusCode.TooManyRequests || (int)payPal.Status >= 500,
        _ => false,
    };

    public static ServiceUnavailableException Because(string gateway, string detail, Exception inner) =>
        new($"{GatewayNames.Title(gateway)} is not answering", $"{GatewayNames.Title(gateway)} did not answer. {detail}", inner);
}
