using System.Text.Json;
using System.Text.Json.Serialization;
using Vozex.Web.Modules.Checkout.Pricing;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Checkout.Cart;

/// <summary>
/// A cart priced just now by the quote service. Items that cannot be bought as they are (product no longer sold,
/// an option withdrawn, subdomain taken) are listed with <c>unavailable</c> and their <c>errors</c>, and left out of
/// the totals. Totals are null only when the buyable items are in more than one currency (see <c>errors.items</c>).
/// </summary>
public sealed record CartView(
    IReadOnlyList<CartItemView> Items,
    int ItemCount,
    Money? Subtotal,
    Money? Discount,
    Money? Total,
    string? Currency,
    bool CanCheckOut,
    IReadOnlyDictionary<string, string[]> Errors)
{
    public static CartView Empty { get; } = new([], 0, Money.Zero("USD"), Money.Zero("USD"), Money.Zero("USD"), "USD", false, new Dictionary<string, string[]>());

    /// <summary>Subscriptions among the buyable items: they renew at these amounts after the first cycle.</summary>
    [JsonIgnore]
    public IEnumerable<CartItemView> Renewing => Items.Where(i => i is { Unavailable: false, Recurring: true });
}

/// <summary>One cart item with the fields of a quote item; price fields are null when the item is unavailable.</summary>
public sealed record CartItemView(
    Guid Id,
    int Position,
    DateTimeOffset AddedAt,
    string ProductSlug,
    string ProductName,
    string? ProductType,
    string DeliveryModel,
    JsonElement Configuration,
    IReadOnlyList<PriceLine>? Lines,
    Money? Subtotal,
    Money? Discount,
    string? DiscountLabel,
    Money? Total,
    string? BillingCycle,
    int? BillingCycleMonths,
    bool Recurring,
    Money? NextRenewalAmount,
    long? EstimatedDurationHours,
    DateTimeOffset? EstimatedCompletion,
    bool Unavailable,
    IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>The stored configuration, typed; null if it could not be read.</summary>
    [JsonIgnore]
    public ItemConfiguration? Settings { get; init; }
}

/// <summary>The stored form of a configuration: the quote's normalized snapshot, snake_case, led by <c>delivery_model</c>.</summary>
public static class CartJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static string Serialize(ItemConfiguration configuration) => JsonSerializer.Serialize(configuration, Options);

    public static ItemConfiguration? Deserialize(string json)
    {
        try { return JsonSerializer.Deserialize<ItemConfiguration>(json, Options); }
        catch (JsonException) { return null; }
    }

    public static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The delivery model recorded in a stored configuration ("saas", "self_hosted", "service").</summary>
    public static string DeliveryModel(JsonElement configuration) =>
        configuration.ValueKind == JsonValueKind.Object && configuration.TryGetProperty("delivery_model", out var model) && model.ValueKind == JsonValueKind.String
            ? model.GetString()!
            : "";

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        HttpPlatform.ConfigureJson(options);
        return options;
    }
}
