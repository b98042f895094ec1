using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Checkout.Placement;
using Vozex.Web.Modules.Checkout.Pricing;
using Vozex.Web.Modules.Checkout.Quotes;
using Vozex.Web.Modules.Checkout.Subdomains;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Security;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Checkout.Cart;

/// <summary>The result of adding or changing an item.</summary>
public abstract record CartChange
{
    public sealed record Done(CartItemView Item) : CartChange;

    /// <summary>Errors keyed like the request body: <c>product_slug</c>, <c>configuration.plan</c>, or <c>items</c> for the cart as a whole.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : CartChange;

    public sealed record NotFound : CartChange;
}

/// <summary>The result of checking a cart out.</summary>
public abstract record CartCheckout
{
    public sealed record Redirect(Guid OrderId, string OrderNumber, string CheckoutUrl) : CartCheckout;

    public sealed record Empty : CartCheckout;

    /// <summary>Refused, by the cart (unavailable items) or by checkout; item errors are keyed by cart item id.</summary>
    public sealed record Refused(IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, string[]>> ItemErrors, IReadOnlyDictionary<string, string[]> Errors) : CartCheckout;

    /// <summary>The form's idempotency key was used already for a different cart; the page offers a fresh key.</summary>
    public sealed record Conflict : CartCheckout;
}

/// <summary>
/// The caller's cart: a signed-in customer's (one per account) or a visitor's (found through the cart cookie).
/// When a signed-in customer still carries a visitor cookie, the visitor cart is merged into theirs on the first
/// touch (any read or change) and the cookie is cleared. Every change is validated by the quote service, and a
/// cart is changed through its concurrency token: racing requests retry instead of breaking the item limit.
/// </summary>
internal sealed class CartService(MarketplaceDbContext db, QuoteService quotes, SubdomainAvailability subdomains, CartPricer pricer, TimeProvider time)
{
    private const int Attempts = 5;
    public const string CartFullMessage = "Your cart is full: it holds at most 20 items. Check out or remove an item first.";

    private readonly MarketplaceDbContext _db = db;
    private readonly QuoteService _quotes = quotes;
    private readonly SubdomainAvailability _subdomains = subdomains;
    private readonly CartPricer _pricer = pricer;
    private readonly TimeProvider _time = time;

    private DbSet<ShoppingCart> Carts => _db.Set<ShoppingCart>();

    public async Task<CartView> GetAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var cart = await WithRetryAsync(async () =>
        {
            var opened = await OpenAsync(http, create: false, cancellationToken);
            if (opened.Changed) await _db.SaveChangesAsync(cancellationToken);
            opened.Commit(http);
            return opened.Cart;
        });
        return await _pricer.PriceAsync(cart, cancellationToken);
    }

    /// <summary>How many items the caller's carts hold, without merging anything (for the header link).</summary>
    public async Task<int> CountAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var customerId = http.User.UserId();
        var token = CartCookie.Read(http.Request);
        var count = 0;
        if (customerId is { } id)
            count += await _db.Set<CartItem>().CountAsync(i => Carts.Any(c => c.Id == i.CartId && c.CustomerId == id), cancellationToken);
        if (token is not null)
        {
            var hash = ShoppingCart.HashToken(token);
            count += await _db.Set<CartItem>().CountAsync(i => Carts.Any(c => c.Id == i.CartId && c.TokenHash == hash && c.CustomerId == null), cancellationToken);
        }
        return count;
    }

    /// <summary>One of the caller's items (for the configurator's "change" mode), without merging anything.</summary>
    public async Task<(string ProductSlug, ItemConfiguration? Configuration)?> FindItemAsync(HttpContext http, Guid itemId, CancellationToken cancellationToken)
    {
        var customerId = http.User.UserId();
        var token = CartCookie.Read(http.Request);
        var hash = token is null ? null : ShoppingCart.HashToken(token);
        var item = await _db.Set<CartItem>().AsNoTracking()
            .Where(i => i.Id == itemId && Carts.Any(c => c.Id == i.CartId
                && ((customerId != null && c.CustomerId == customerId) || (hash != null && c.TokenHash == hash && c.CustomerId == null))))
            .Select(i => new { i.ProductSlug, i.Configuration })
            .FirstOrDefaultAsync(cancellationToken);
        return item is null ? null : (item.ProductSlug, CartJson.Deserialize(item.Configuration));
    }

    public async Task<CartChange> AddAsync(HttpContext http, string? productSlug, JsonElement configuration, CancellationToken cancellationToken)
    {
        var validated = await ValidateAsync(productSlug, configuration, cancellationToken);
        if (validated.Errors is { } errors) return new CartChange.Invalid(errors);
        var quote = validated.Quote!;
        var snapshot = CartJson.Serialize(quote.Configuration);

        return await WithRetryAsync<CartChange>(async () =>
        {
            var opened = await OpenAsync(http, create: true, cancellationToken);
            var cart = opened.Cart!;
            if (cart.IsFull) return await RefuseAsync(opened, http, new() { ["items"] = [CartFullMessage] }, cancellationToken);
            if (DuplicateSubdomain(cart, quote.Configuration, except: null) is { } clash)
                return await RefuseAsync(opened, http, new() { ["configuration.subdomain"] = [clash] }, cancellationToken);
            var item = cart.Add(quote.ProductSlug, quote.ProductName, snapshot, _time.GetUtcNow());
            await _db.SaveChangesAsync(cancellationToken);
            opened.Commit(http);
            return new CartChange.Done(CartPricer.View(item, quote.Configuration, quote, new Dictionary<string, string[]>(), _time.GetUtcNow()));
        });
    }

    public async Task<CartChange> UpdateAsync(HttpContext http, Guid itemId, JsonElement configuration, CancellationToken cancellationToken) =>
        await WithRetryAsync<CartChange>(async () =>
        {
            var opened = await OpenAsync(http, create: false, cancellationToken);
            var item = opened.Cart?.Items.FirstOrDefault(i => i.Id == itemId);
            if (item is null) return await RefuseAsync(opened, http, null, cancellationToken);
            var cart = opened.Cart!;

            var validated = await ValidateAsync(item.ProductSlug, configuration, cancellationToken);
            if (validated.Errors is { } errors)
                return await RefuseAsync(opened, http, errors.ToDictionary(StringComparer.Ordinal), cancellationToken);
            var quote = validated.Quote!;
            if (DuplicateSubdomain(cart, quote.Configuration, except: item) is { } clash)
                return await RefuseAsync(opened, http, new() { ["configuration.subdomain"] = [clash] }, cancellationToken);

            item.Reconfigure(quote.ProductName, CartJson.Serialize(quote.Configuration));
            cart.Touch(_time.GetUtcNow());
            await _db.SaveChangesAsync(cancellationToken);
            opened.Commit(http);
            return new CartChange.Done(CartPricer.View(item, quote.Configuration, quote, new Dictionary<string, string[]>(), _time.GetUtcNow()));
        });

    public async Task<bool> RemoveAsync(HttpContext http, Guid itemId, CancellationToken cancellationToken) =>
        await WithRetryAsync(async () =>
        {
            var opened = await OpenAsync(http, create: false, cancellationToken);
            var item = opened.Cart?.Items.FirstOrDefault(i => i.Id == itemId);
            if (item is not null) opened.Cart!.Remove(item, _time.GetUtcNow());
            if (item is not null || opened.Changed) await _db.SaveChangesAsync(cancellationToken);
            opened.Commit(http);
            return item is not null;
        });

    public async Task ClearAsync(HttpContext http, CancellationToken cancellationToken) =>
        await WithRetryAsync(async () =>
        {
            var opened = await OpenAsync(http, create: false, cancellationToken);
            if (opened.Cart is { Items.Count: > 0 } cart)
            {
                cart.Items.Clear();
                cart.Touch(_time.GetUtcNow());
            }
            await _db.SaveChangesAsync(cancellationToken);
            opened.Commit(http);
            return true;
        });

    /// <summary>
    /// Places an order for every item in the signed-in customer's cart through <see cref="CheckoutService"/> and, once
    /// it is created, removes those items. The same <paramref name="idempotencyKey"/> submitted again (a double click)
    /// replays the same order even after the cart was emptied, because the cart remembers what its last checkout sent.
    /// </summary>
    public async Task<CartCheckout> CheckoutAsync(
        HttpContext http, CheckoutService checkout, string? paymentGateway, string idempotencyKey, CancellationToken cancellationToken)
    {
        var customerId = http.User.RequiredUserId();
        var cart = await WithRetryAsync(async () =>
        {
            var opened = await OpenAsync(http, create: false, cancellationToken);
            if (opened.Changed) await _db.SaveChangesAsync(cancellationToken);
            opened.Commit(http);
            return opened.Cart;
        });

        List<Guid> placedIds;
        List<PlacedCheckoutItem> sent;
        if (cart is null || cart.Items.Count == 0)
        {
            if (cart?.LastCheckout is not { } last || !string.Equals(last.IdempotencyKey, idempotencyKey, StringComparison.Ordinal))
                return new CartCheckout.Empty();
            placedIds = [];
            sent = [.. last.Items];
        }
        else
        {
            var view = await _pricer.PriceAsync(cart, cancellationToken);
            if (!view.CanCheckOut)
            {
                var blocked = view.Items.Where(i => i.Unavailable).ToDictionary(i => i.Id, i => i.Errors);
                var errors = new Dictionary<string, string[]>(view.Errors, StringComparer.Ordinal);
                if (blocked.Count > 0) errors["items"] = [.. errors.GetValueOrDefault("items") ?? [], "Some items cannot be bought as they are: change or remove them first."];
                return new CartCheckout.Refused(blocked, errors);
            }
            var ordered = cart.Items.OrderBy(i => i.Position).ToList();
            placedIds = ordered.Select(i => i.Id).ToList();
            sent = ordered.Select(i => new PlacedCheckoutItem(i.ProductSlug, i.Configuration)).ToList();
        }

        var command = new CheckoutCommand(
            sent.Select(i => (QuoteItemRequest?)new QuoteItemRequest(i.ProductSlug, CartJson.Element(i.Configuration))).ToList(), paymentGateway, ReturnUrl: null);
        var origin = new Uri($"{http.Request.Scheme}://{http.Request.Host}");
        CheckoutOutcome outcome;
        try
        {
            outcome = await checkout.PlaceOrderAsync(customerId, command, idempotencyKey, origin, cancellationToken);
        }
        catch (ServiceUnavailableException unavailable)
        {
            // The order (if one was placed) waits for its payment page; the same form key opens it on the next try.
            return new CartCheckout.Refused(new Dictionary<Guid, IReadOnlyDictionary<string, string[]>>(),
                new Dictionary<string, string[]> { ["payment_gateway"] = [$"{unavailable.Title}. Your cart is kept: try again in a minute."] });
        }
        switch (outcome)
        {
            case CheckoutOutcome.Created created:
                if (placedIds.Count > 0) await RecordCheckoutAsync(customerId, new PlacedCheckout(idempotencyKey, paymentGateway, sent), placedIds, cancellationToken);
                return new CartCheckout.Redirect(created.OrderId, created.OrderNumber, created.CheckoutUrl);
            case CheckoutOutcome.Invalid invalid:
                return Refusal(invalid.Errors, placedIds);
            case CheckoutOutcome.IdempotencyConflict:
                return new CartCheckout.Conflict();
            default:
                throw new InvalidOperationException($"Unknown checkout outcome {outcome.GetType().Name}.");
        }
    }

    private static CartCheckout.Refused Refusal(IReadOnlyDictionary<string, string[]> errors, List<Guid> itemIds)
    {
        var byItem = new Dictionary<Guid, Dictionary<string, string[]>>();
        var general = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in errors)
        {
            if (CartPricer.ItemKey(key) is var (index, field) && index < itemIds.Count)
            {
                var own = byItem.TryGetValue(itemIds[index], out var found) ? found : byItem[itemIds[index]] = new(StringComparer.Ordinal);
                own[field] = messages;
            }
            else general[key] = messages;
        }
        return new CartCheckout.Refused(byItem.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string[]>)e.Value), general);
    }

    /// <summary>Removes the items an order was created from (items added meanwhile stay) and remembers the request for replays.</summary>
    private async Task RecordCheckoutAsync(Guid customerId, PlacedCheckout checkout, IReadOnlyCollection<Guid> placedIds, CancellationToken cancellationToken) =>
        await WithRetryAsync(async () =>
        {
            var cart = await Carts.Include(c => c.Items).FirstOrDefaultAsync(c => c.CustomerId == customerId, cancellationToken);
            if (cart is null) return false;
            cart.RecordCheckout(checkout, placedIds, _time.GetUtcNow());
            await _db.SaveChangesAsync(cancellationToken);
            return true;
        });

    private async Task<(ItemQuote? Quote, IReadOnlyDictionary<string, string[]>? Errors)> ValidateAsync(
        string? productSlug, JsonElement configuration, CancellationToken cancellationToken)
    {
        var result = await _quotes.QuoteAsync([new QuoteItemRequest(productSlug, configuration)], cancellationToken);
        if (!result.Succeeded)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (key, messages) in result.Errors)
                errors[CartPricer.ItemKey(key) is var (_, field) ? field : key] = messages;
            return (null, errors);
        }
        var quote = result.Quote.Items[0];
        if (quote.Configuration is SaasConfiguration { Subdomain: { } label }
            && await _subdomains.CheckAsync(label, cancellationToken) is { IsAvailable: false, Message: { } message })
            return (null, new Dictionary<string, string[]> { ["configuration.subdomain"] = [message] });
        return (quote, null);
    }

    private static string? DuplicateSubdomain(ShoppingCart cart, ItemConfiguration configuration, CartItem? except)
    {
        if (configuration is not SaasConfiguration { Subdomain: { } label }) return null;
        var clash = cart.Items.Any(i => i != except && CartJson.Deserialize(i.Configuration) is SaasConfiguration { Subdomain: { } other }
            && string.Equals(other, label, StringComparison.Ordinal));
        return clash ? $"Another item in your cart already uses the subdomain '{label}'." : null;
    }

    /// <summary>Saves a merge that happened while opening (it stands on its own), then refuses the change.</summary>
    private async Task<CartChange> RefuseAsync(OpenedCart opened, HttpContext http, Dictionary<string, string[]>? errors, CancellationToken cancellationToken)
    {
        if (opened.Changed)
        {
            // Only the merge is saved: an item just created in memory for this request would be empty.
            if (opened.Created) _db.Entry(opened.Cart!).State = EntityState.Detached;
            else await _db.SaveChangesAsync(cancellationToken);
        }
        if (!opened.Created) opened.Commit(http);
        return errors is null ? new CartChange.NotFound() : new CartChange.Invalid(errors);
    }

    /// <summary>
    /// Finds the caller's cart (tracked, with items). A signed-in customer's visitor cookie is folded in: the visitor
    /// cart becomes theirs when they have none, else its items move into theirs; the cookie is cleared either way.
    /// </summary>
    private async Task<OpenedCart> OpenAsync(HttpContext http, bool create, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var customerId = http.User.UserId();
        var token = CartCookie.Read(http.Request);
        ShoppingCart? visitor = null;
        if (token is not null)
        {
            var hash = ShoppingCart.HashToken(token);
            visitor = await Carts.Include(c => c.Items).FirstOrDefaultAsync(c => c.TokenHash == hash && c.CustomerId == null, cancellationToken);
        }

        if (customerId is { } id)
        {
            var own = await Carts.Include(c => c.Items).FirstOrDefaultAsync(c => c.CustomerId == id, cancellationToken);
            Action<HttpResponse>? cookie = http.Request.Cookies.ContainsKey(CartCookie.Name) ? CartCookie.Clear : null;
            if (visitor is not null)
            {
                if (own is null)
                {
                    visitor.AdoptBy(id, now);
                    return new OpenedCart(visitor, Changed: true, Created: false, cookie);
                }
                own.MergeFrom(visitor, now);
                _db.ChangeTracker.DetectChanges(); // the moved items now belong to the customer's cart, so removing the visitor cart leaves them be
                _db.Remove(visitor);
                return new OpenedCart(own, Changed: true, Created: false, cookie);
            }
            if (own is null && create)
            {
                own = ShoppingCart.ForCustomer(id, now);
                _db.Add(own);
                return new OpenedCart(own, Changed: true, Created: true, cookie);
            }
            return new OpenedCart(own, Changed: false, Created: false, cookie);
        }

        if (visitor is not null)
            return new OpenedCart(visitor, Changed: false, Created: false, create ? response => CartCookie.Write(response, token!, now) : null);
        if (!create)
            return new OpenedCart(null, Changed: false, Created: false, http.Request.Cookies.ContainsKey(CartCookie.Name) ? CartCookie.Clear : null);

        var fresh = ShoppingCart.NewToken();
        visitor = ShoppingCart.ForVisitor(ShoppingCart.HashToken(fresh), now);
        _db.Add(visitor);
        return new OpenedCart(visitor, Changed: true, Created: true, response => CartCookie.Write(response, fresh, now));
    }

    private async Task<T> WithRetryAsync<T>(Func<Task<T>> operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another request changed the cart (its version moved) or created the customer's cart first: start over,
                // after a short random pause so that racing requests (a double click, two tabs) stop colliding.
                _db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt));
            }
        }
    }

    private sealed record OpenedCart(ShoppingCart? Cart, bool Changed, bool Created, Action<HttpResponse>? Cookie)
    {
        /// <summary>Sets or clears the cookie, once the change it belongs to has been saved.</summary>
        public void Commit(HttpContext http)
        {
            if (Cookie is not null && !http.Response.HasStarted) Cookie(http.Response);
        }
    }
}
