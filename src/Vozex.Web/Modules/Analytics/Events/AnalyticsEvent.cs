namespace Vozex.Web.Modules.Analytics.Events;

/// <summary>One recorded event; rows are only ever added.</summary>
internal sealed class AnalyticsEvent
{
    public long Id { get; private set; }
    public required string Kind { get; init; }
    public DateTimeOffset At { get; init; }
    public string? ProductSlug { get; init; }
    public string? ProductType { get; init; }
    public Guid? OrderId { get; init; }
    public string? Gateway { get; init; }
    public long? Amount { get; init; }
    public string? Currency { get; init; }

    public static AnalyticsEvent From(Contracts.AnalyticsEventData d) => new()
    {
        Kind = d.Kind,
        At = d.At.ToUniversalTime(),
        ProductSlug = Clip(d.ProductSlug, 120),
        ProductType = Clip(d.ProductType, 40),
        OrderId = d.OrderId,
        Gateway = Clip(d.Gateway, 30),
        Amount = d.Amount,
        Currency = Clip(d.Currency, 3),
    };

    private static string? Clip(string? value, int max) => value is { } v && v.Length > max ? v[..max] : value;
}
