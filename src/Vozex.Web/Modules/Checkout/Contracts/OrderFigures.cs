using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Checkout.Contracts;

/// <summary>
/// Orders placed and paid in a window, the money paid (one amount per currency) and the orders whose fulfilment failed
/// (at any time: they wait for an administrator).
/// </summary>
public sealed record OrderWindowFigures(int Placed, int Paid, IReadOnlyList<Money> Revenue, int FulfillmentFailedOrders);

/// <summary>Figures for the admin home.</summary>
public interface IOrderFigures
{
    Task<OrderWindowFigures> ForWindowAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
