using System.Text.RegularExpressions;
using Vozex.Web.Modules.Checkout.Pricing;
using Vozex.Web.Modules.Checkout.Quotes;
using Vozex.Web.Modules.Checkout.Subdomains;

namespace Vozex.Web.Modules.Checkout.Cart;

/// <summary>
/// Prices a cart's items with <see cref="QuoteService"/> at today's catalog. An item the quote refuses is marked
/// unavailable with the quote's reasons (re-keyed from <c>items[i].configuration.plan</c> to <c>configuration.plan</c>)
/// and the rest are quoted again without it, so one withdrawn product never hides the others' prices.
/// </summary>
internal sealed partial class CartPricer(QuoteService quotes, SubdomainAvailability subdomains, TimeProvider time)
{
    public async Task<CartView> PriceAsync(ShoppingCart? cart, CancellationToken cancellationToken)
    {
        if (cart is null || cart.Items.Count == 0) return CartView.Empty;
        var items = cart.Items.OrderBy(i => i.Position).ToList();
        var settings = items.Select(i => CartJson.Deserialize(i.Configuration)).ToList();
        var requests = items.Select(i => new QuoteItemRequest(i.ProductSlug, CartJson.Element(i.Configuration))).ToList();
        var errors = items.Select(_ => new Dictionary<string, string[]>(StringComparer.Ordinal)).ToList();
        var cartErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        var chosen = settings.Select(s => (s as SaasConfiguration)?.Subdomain).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var taken = await subdomains.TakenAsync(chosen, cancellationToken);
        for (var i = 0; i < items.Count; i++)
            if (settings[i] is SaasConfiguration { Subdomain: { } label } && taken.Contains(label))
                errors[i]["configuration.subdomain"] = [SubdomainAvailability.TakenMessage];

        var priced = new ItemQuote?[items.Count];
        Quote? total = null;
        var pending = Enumerable.Range(0, items.Count).Where(i => errors[i].Count == 0).ToList();
        while (pending.Count > 0)
        {
            var result = await quotes.QuoteAsync(pending.Select(i => requests[i]).ToList(), cancellationToken);
            if (result.Succeeded)
            {
                for (var k = 0; k < pending.Count; k++) priced[pending[k]] = result.Quote.Items[k];
                total = result.Quote;
                break;
            }
            var refused = false;
            foreach (var (key, messages) in result.Errors)
            {
                if (ItemKey(key) is var (index, field) && index < pending.Count)
                {
                    Merge(errors[pending[index]], field, messages);
                    refused = true;
                }
                else Merge(cartErrors, key, messages);
            }
            if (!refused)
            {
                // Only the cart as a whole is wrong (mixed currencies): show each item's own price, but no total.
                foreach (var i in pending)
                    if (await quotes.QuoteAsync([requests[i]], cancellationToken) is { Succeeded: true } alone) priced[i] = alone.Quote.Items[0];
                break;
            }
            pending = pending.Where(i => errors[i].Count == 0).ToList();
        }

        var now = time.GetUtcNow();
        var views = items.Select((item, i) => View(item, settings[i], priced[i], errors[i], now)).ToList();
        return new CartView(views, views.Count, total?.Subtotal, total?.Discount, total?.Total, total?.Currency,
            CanCheckOut: views.All(v => !v.Unavailable) && cartErrors.Count == 0 && total is not null, cartErrors);
    }

    public static CartItemView View(CartItem item, ItemConfiguration? settings, ItemQuote? quote, IReadOnlyDictionary<string, string[]> errors, DateTimeOffset now)
    {
        var configuration = CartJson.Element(item.Configuration);
        if (quote is null)
        {
            return new CartItemView(item.Id, item.Position, item.AddedAt, item.ProductSlug, item.ProductName, null, CartJson.DeliveryModel(configuration),
                configuration, null, null, null, null, null, null, null, false, null, null, null, Unavailable: true,
                errors.Count > 0 ? errors : new Dictionary<string, string[]> { ["product_slug"] = ["This item cannot be priced."] }) { Settings = settings };
        }
        return new CartItemView(item.Id, item.Position, item.AddedAt, item.ProductSlug, quote.ProductName, quote.ProductType, quote.DeliveryModel,
            configuration, quote.Lines, quote.Subtotal, quote.Discount, quote.DiscountLabel, quote.Total, quote.BillingCycle, quote.BillingCycleMonths,
            quote.Recurring, quote.NextRenewalAmount, quote.EstimatedDuration is { } d ? (long)d.TotalHours : null, quote.EstimatedCompletion(now),
            Unavailable: false, new Dictionary<string, string[]>()) { Settings = settings };
    }

    /// <summary>Splits <c>items[3].configuration.plan</c> into (3, <c>configuration.plan</c>); <c>items[3]</c> alone is the whole item.</summary>
    public static (int Index, string Field)? ItemKey(string key)
    {
        var match = ItemPath().Match(key);
        if (!match.Success) return null;
        var index = int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        return (index, match.Groups[2].Success ? match.Groups[2].Value : "item");
    }

    private static void Merge(Dictionary<string, string[]> errors, string key, string[] messages) =>
        errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, .. messages] : messages;

    [GeneratedRegex(@"^items\[(\d{1,4})\](?:\.(.+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemPath();
}
