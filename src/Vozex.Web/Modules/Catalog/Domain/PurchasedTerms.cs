using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vozex.Web.Modules.Catalog.Domain;

/// <summary>
/// What the catalog promised for one configured item at the moment it was priced: the plan with its limits, the license
/// type with its activations, the service package and timeline. The order keeps it beside the price, and fulfilment
/// delivers it, so an administrator's later edit (a plan's limits cut, a license type renamed or removed) never
/// changes what a customer already paid for. Only what the chosen configuration names is kept.
/// </summary>
public sealed record PurchasedTerms
{
    public PricingPlan? Plan { get; init; }
    public LicenseTypeOption? LicenseType { get; init; }
    public ServicePackage? Package { get; init; }
    public TimelineOption? Timeline { get; init; }
    public IReadOnlyList<string>? RequiredSkills { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Null for items ordered before terms were kept; their fulfilment falls back to the live catalog.</summary>
    public static PurchasedTerms? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<PurchasedTerms>(json, Json);
}
