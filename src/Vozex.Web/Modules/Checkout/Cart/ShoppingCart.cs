using System.Security.Cryptography;

namespace Vozex.Web.Modules.Checkout.Cart;

/// <summary>
/// A shopping cart kept on the server: a customer's (one per account) or a visitor's, found by the SHA-256 of the
/// random token in the visitor's cart cookie. Items hold the normalized configuration the quote produced, never a
/// price: the cart is priced afresh by the quote service every time it is shown.
/// </summary>
public sealed class ShoppingCart
{
    public const int MaxItems = Quotes.QuoteService.MaxItems;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>The owner once signed in; null for a visitor's cart.</summary>
    public Guid? CustomerId { get; private set; }

    /// <summary>SHA-256 (hex) of the visitor's cookie token; null for a customer's cart.</summary>
    public string? TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The last checkout placed from this cart, so a repeated submit of the same form replays that order.</summary>
    public PlacedCheckout? LastCheckout { get; private set; }

    /// <summary>Optimistic concurrency: two requests changing one cart at once cannot both win (limit, merge, positions).</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public List<CartItem> Items { get; private set; } = [];

    private ShoppingCart()
    {
    }

    public static ShoppingCart ForCustomer(Guid customerId, DateTimeOffset now) => new() { CustomerId = customerId, CreatedAt = now, UpdatedAt = now };

    public static ShoppingCart ForVisitor(string tokenHash, DateTimeOffset now) => new() { TokenHash = tokenHash, CreatedAt = now, UpdatedAt = now };

    public bool IsFull => Items.Count >= MaxItems;

    public CartItem Add(string productSlug, string productName, string configuration, DateTimeOffset now)
    {
        if (IsFull) throw new InvalidOperationException($"A cart holds at most {MaxItems} items.");
        var item = new CartItem(Id, productSlug, productName, configuration, NextPosition(), now);
        Items.Add(item);
        Touch(now);
        return item;
    }

    public void Remove(CartItem item, DateTimeOffset now)
    {
        Items.Remove(item);
        Touch(now);
    }

    /// <summary>A visitor's cart becomes the customer's own when the customer has none yet.</summary>
    public void AdoptBy(Guid customerId, DateTimeOffset now)
    {
        CustomerId = customerId;
        TokenHash = null;
        Touch(now);
    }

    /// <summary>
    /// Moves a visitor cart's items into this one (keeping their ids), skipping any whose product and configuration
    /// this cart already has, up to the item limit. Returns the items left behind.
    /// </summary>
    public IReadOnlyList<CartItem> MergeFrom(ShoppingCart visitor, DateTimeOffset now)
    {
        var left = new List<CartItem>();
        foreach (var item in visitor.Items.OrderBy(i => i.Position).ToList())
        {
            if (Items.Any(i => i.IsSameAs(item)) || IsFull)
            {
                left.Add(item);
                continue;
            }
            item.MoveTo(Id, NextPosition());
            Items.Add(item);
        }
        Touch(now);
        return left;
    }

    public void RecordCheckout(PlacedCheckout checkout, IReadOnlyCollection<Guid> placedItemIds, DateTimeOffset now)
    {
        Items.RemoveAll(i => placedItemIds.Contains(i.Id));
        LastCheckout = checkout;
        Touch(now);
    }

    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }

    private int NextPosition() => Items.Count == 0 ? 0 : Items.Max(i => i.Position) + 1;

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}

public sealed class CartItem
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid CartId { get; private set; }
    public string ProductSlug { get; private set; } = "";

    /// <summary>The product's name when the item was added, shown if the product is no longer sold.</summary>
    public string ProductName { get; private set; } = "";

    /// <summary>The normalized configuration as the quote serialized it (JSON led by <c>delivery_model</c>).</summary>
    public string Configuration { get; private set; } = "";

    public int Position { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    private CartItem()
    {
    }

    internal CartItem(Guid cartId, string productSlug, string productName, string configuration, int position, DateTimeOffset addedAt)
    {
        CartId = cartId;
        ProductSlug = productSlug;
        ProductName = productName;
        Configuration = configuration;
        Position = position;
        AddedAt = addedAt;
    }

    public void Reconfigure(string productName, string configuration)
    {
        ProductName = productName;
        Configuration = configuration;
    }

    public bool IsSameAs(CartItem other) =>
        string.Equals(ProductSlug, other.ProductSlug, StringComparison.Ordinal)
        && string.Equals(Configuration, other.Configuration, StringComparison.Ordinal);

    internal void MoveTo(Guid cartId, int position)
    {
        CartId = cartId;
        Position = position;
    }
}

/// <summary>The idempotency key and exact items of the last checkout placed from a cart.</summary>
public sealed record PlacedCheckout(string IdempotencyKey, string? PaymentGateway, IReadOnlyList<PlacedCheckoutItem> Items);

public sealed record PlacedCheckoutItem(string ProductSlug, string Configuration);
