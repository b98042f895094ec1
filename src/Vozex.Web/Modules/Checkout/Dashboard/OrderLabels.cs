using System.Globalization;

namespace Vozex.Web.Modules.Checkout.Dashboard;

/// <summary>Words for order states and dates on the customer's order pages.</summary>
internal static class OrderLabels
{
    public static string Status(string status) => status switch
    {
        "pending_payment" => "Awaiting payment",
        "payment_failed" => "Payment failed",
        "paid" => "Paid, setting up",
        "partially_fulfilled" => "Partly ready",
        "fulfilled" => "Ready",
        "fulfillment_failed" => "Paid, needs our attention",
        "expired" => "Expired unpaid",
        "refunded" => "Refunded",
        "partially_refunded" => "Partly refunded",
        "cancelled" => "Cancelled",
        _ => status.Replace('_', ' '),
    };

    public static string Fulfillment(string status) => status switch
    {
        "pending" or "processing" => "Setting up…",
        "retrying" => "Taking longer than usual, retrying…",
        "active" => "Ready",
        "completed" => "Done",
        "failed" => "Needs our attention",
        "revoked" => "Revoked",
        _ => status,
    };

    public static string DeliveryModel(string model) => model switch
    {
        "saas" => "SaaS",
        "self_hosted" => "Self-hosted",
        "service" => "Service",
        _ => model,
    };

    public static string Day(DateTimeOffset at) => at.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    public static string Stamp(DateTimeOffset at) => at.ToString("MMMM d, yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
