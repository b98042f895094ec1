using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Catalog.Data;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Checkout.Pricing;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Checkout.Quotes;

/// <summary>One item as a client sends it: <c>{product_slug, configuration}</c>; <c>configuration</c> is read per delivery model.</summary>
public sealed record QuoteItemRequest(string? ProductSlug, JsonElement Configuration);

/// <summary>Either a <see cref="Quote"/> or validation errors keyed by JSON path (<c>items[0].configuration.plan</c>).</summary>
public sealed class QuoteResult
{
    private QuoteResult(Quote? quote, IReadOnlyDictionary<string, string[]> errors)
    {
        Quote = quote;
        Errors = errors;
    }

    public Quote? Quote { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    [MemberNotNullWhen(true, nameof(Quote))]
    public bool Succeeded => Quote is not null;

    public static QuoteResult Success(Quote quote) => new(quote, new Dictionary<string, string[]>());

    public static QuoteResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);
}

/// <summary>
/// Prices a list of items against the live catalog: the quote endpoint shows the result, and checkout calls
/// the same method so an order is priced exactly as it was quoted. Only active products can be quoted.
/// </summary>
public sealed class QuoteService(MarketplaceDbContext db)
{
    public const int MaxItems = 20;

    public async Task<QuoteResult> QuoteAsync(IReadOnlyList<QuoteItemRequest?>? items, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (items is null || items.Count == 0)
        {
            errors.Add("items", "At least one item is required.");
            return QuoteResult.Invalid(errors.ToDictionary());
        }
        if (items.Count > MaxItems)
        {
            errors.Add("items", $"At most {MaxItems} items can be quoted or bought at once.");
            return QuoteResult.Invalid(errors.ToDictionary());
        }

        var slugs = items.Select(i => i?.ProductSlug).OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var products = slugs.Count == 0
            ? []
            : await db.Products().AsNoTracking()
                .Where(p => p.Status == ProductStatus.Active && slugs.Contains(p.Slug))
                .ToDictionaryAsync(p => p.Slug, StringComparer.Ordinal, ct);

        var quoted = new List<ItemQuote>(items.Count);
        var subdomains = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"items[{i}]";
            var item = items[i];
            if (item is null)
            {
                errors.Add(path, "Required.");
                continue;
            }
            if (string.IsNullOrEmpty(item.ProductSlug))
            {
                errors.Add($"{path}.product_slug", "Required.");
                continue;
            }
            if (!products.TryGetValue(item.ProductSlug, out var product))
            {
                errors.Add($"{path}.product_slug", $"No product '{item.ProductSlug}' is for sale.");
                continue;
            }
            var configuration = ConfigurationParser.Parse(product, item.Configuration, $"{path}.configuration", errors);
            if (configuration is null) continue;
            if (configuration is SaasConfiguration { Subdomain: { } subdomain } && !subdomains.TryAdd(subdomain, i))
            {
                errors.Add($"{path}.configuration.subdomain", $"items[{subdomains[subdomain]}] already uses the subdomain '{subdomain}'.");
                continue;
            }
            quoted.Add(PricingEngine.Price(product, configuration));
        }

        var currencies = products.Values.Select(p => p.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (currencies.Count > 1)
            errors.Add("items", $"All items must be priced in one currency; these are in {string.Join(", ", currencies)}. Buy them separately.");

        return errors.Count > 0 ? QuoteResult.Invalid(errors.ToDictionary()) : QuoteResult.Success(PricingEngine.Combine(quoted));
    }
}
