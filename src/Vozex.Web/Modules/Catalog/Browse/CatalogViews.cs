using System.Text.Json.Serialization;
using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Catalog.Browse;

public sealed record ProductTypeView(string Id, string Name, string Icon, string Description, string DeliveryModel, string Category, IReadOnlyList<string> Features);

public sealed record CategoryView(string Id, string Name, string Icon, string Description, string DeliveryModel, IReadOnlyList<string> ProductTypes);

public sealed record ProductSummary(
    long Id,
    string Slug,
    string Name,
    string Description,
    string ProductType,
    string TypeName,
    string Icon,
    string DeliveryModel,
    string Category,
    Money BasePrice,
    Money FromPrice,
    string? BillingCycle,
    bool Featured);

public sealed record ProductDetails(
    long Id,
    string Slug,
    string Name,
    string Description,
    string ProductType,
    string TypeName,
    string Icon,
    string DeliveryModel,
    string Category,
    string Status,
    string Currency,
    Money BasePrice,
    Money FromPrice,
    string? BillingCycle,
    IReadOnlyList<string> TypeFeatures,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<PlanView>? PricingPlans { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AddOnView>? AvailableFeatures { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<BillingCycleView>? BillingCycles { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<LicenseTypeView>? LicenseTypes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<SupportPlanView>? SupportPlans { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<UpdateOptionView>? UpdateOptions { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<ReleaseView>? Releases { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<ServicePackageView>? ServicePackages { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<TimelineView>? Timelines { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? RequiredSkills { get; init; }
}

public sealed record PlanView(string Id, string Name, Money MonthlyPrice, IReadOnlyList<string> Features, IReadOnlyDictionary<string, int> Limits);

public sealed record AddOnView(string Id, string Name, Money MonthlyPrice, string? Description);

public sealed record BillingCycleView(string Id, int Months, int DiscountPercent);

public sealed record LicenseTypeView(string Id, string Name, Money Price, string Description, int MaxActivations);

public sealed record SupportPlanView(string Id, string Name, Money PricePerYear, string? Description);

public sealed record UpdateOptionView(string Id, string Name, Money Surcharge);

public sealed record ReleaseView(string Version, string Notes, DateOnly ReleasedOn, IReadOnlyList<ReleaseFileView> Files);

public sealed record ReleaseFileView(string FileName, long Size, string Sha256);

public sealed record ServicePackageView(string Id, string Name, Money Price, string Description, int DurationDays, IReadOnlyList<string> Deliverables);

public sealed record TimelineView(string Id, string Name, int PriceFactorPercent, int DurationFactorPercent);

public sealed record ComparisonView(IReadOnlyList<ComparedProduct> Items, IReadOnlyList<ComparedFeature> Features);

public sealed record ComparedProduct(
    string Slug,
    string Name,
    string ProductType,
    string TypeName,
    string Icon,
    string DeliveryModel,
    Money FromPrice,
    string? BillingCycle,
    IReadOnlyList<PriceOption> Pricing);

/// <summary>One purchasable option (plan, license type or package) and what it costs.</summary>
public sealed record PriceOption(string Id, string Name, Money Price, string Period);

/// <summary>A row of the comparison table: whether each compared product (in order) offers the feature.</summary>
public sealed record ComparedFeature(string Name, IReadOnlyList<bool> Included);
