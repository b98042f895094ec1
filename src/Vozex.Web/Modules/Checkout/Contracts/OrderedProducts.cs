namespace Vozex.Web.Modules.Checkout.Contracts;

/// <summary>Whether orders name a catalog product (fulfilment and order pages find the product again by its slug).</summary>
public interface IOrderedProducts
{
    Task<bool> HasOrdersAsync(long productId, CancellationToken cancellationToken);
}
