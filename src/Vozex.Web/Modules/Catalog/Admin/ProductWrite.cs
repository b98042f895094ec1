using System.Text.Json.Serialization;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Catalog.Admin;

/// <summary>
/// The body of <c>POST/PUT /admin/products</c>. Every amount is integer minor units of the product's currency; every
/// field is nullable so a missing one is reported under its own path instead of failing the whole body.
/// </summary>
public sealed record ProductWrite
{
    public string? Slug { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? ProductType { get; init; }
    public string? Status { get; init; }
    public long? BasePrice { get; init; }
    public string? Currency { get; init; }
    public bool? Featured { get; init; }

    /// <summary>The revision the edit started from (from GET). When sent and no longer current, the save answers 409.</summary>
    public int? Revision { get; init; }

    public IReadOnlyList<PlanWrite?>? PricingPlans { get; init; }
    public IReadOnlyList<AddOnWrite?>? AvailableFeatures { get; init; }
    public IReadOnlyList<BillingCycleWrite?>? BillingCycles { get; init; }

    public IReadOnlyList<LicenseTypeWrite?>? LicenseTypes { get; init; }
    public IReadOnlyList<SupportPlanWrite?>? SupportPlans { get; init; }
    public IReadOnlyList<UpdateOptionWrite?>? UpdateOptions { get; init; }

    /// <summary>Releases keep files uploaded earlier (named by <c>storage_path</c>); new files arrive only by upload.</summary>
    public IReadOnlyList<ReleaseWrite?>? Releases { get; init; }

    public IReadOnlyList<ServicePackageWrite?>? ServicePackages { get; init; }
    public IReadOnlyList<TimelineWrite?>? Timelines { get; init; }
    public IReadOnlyList<string?>? RequiredSkills { get; init; }
}

public sealed record PlanWrite(string? Id, string? Name, long? MonthlyPrice, IReadOnlyList<string?>? Features, IReadOnlyDictionary<string, int>? Limits);

public sealed record AddOnWrite(string? Id, string? Name, long? MonthlyPrice, string? Description);

public sealed record BillingCycleWrite(string? Id, int? Months, int? DiscountPercent);

public sealed record LicenseTypeWrite(string? Id, string? Name, long? Price, string? Description, int? MaxActivations);

public sealed record SupportPlanWrite(string? Id, string? Name, long? PricePerYear, string? Description);

public sealed record UpdateOptionWrite(string? Id, string? Name, long? Surcharge);

public sealed record ReleaseWrite(string? Version, string? Notes, DateOnly? ReleasedOn, IReadOnlyList<ReleaseFileRef?>? Files);

public sealed record ReleaseFileRef(string? StoragePath);

public sealed record ServicePackageWrite(string? Id, string? Name, long? Price, string? Description, int? DurationDays, IReadOnlyList<string?>? Deliverables);

public sealed record TimelineWrite(string? Id, string? Name, int? PriceFactorPercent, int? DurationFactorPercent);

/// <summary>A product as an administrator sees it: every status, the option sets exactly as PUT takes them back.</summary>
public sealed record AdminProductView(
    long Id,
    string Slug,
    string Name,
    string Description,
    string ProductType,
    string TypeName,
    string DeliveryModel,
    string Category,
    string Status,
    IReadOnlyList<string> NextStatuses,
    string Currency,
    Money BasePrice,
    Money FromPrice,
    bool Featured,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Send it back with PUT so a save never overwrites someone else's newer one.</summary>
    public int Revision { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<PricingPlan>? PricingPlans { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AddOnFeature>? AvailableFeatures { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<BillingCycleOption>? BillingCycles { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<LicenseTypeOption>? LicenseTypes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<SupportPlanOption>? SupportPlans { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<UpdateOption>? UpdateOptions { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<Release>? Releases { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<ServicePackage>? ServicePackages { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<TimelineOption>? Timelines { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? RequiredSkills { get; init; }
}

public sealed record AdminProductSummary(
    long Id,
    string Slug,
    string Name,
    string ProductType,
    string TypeName,
    string Icon,
    string DeliveryModel,
    string Status,
    Money BasePrice,
    Money FromPrice,
    DateTimeOffset UpdatedAt);

/// <summary>A file stored for a release, with what the server measured.</summary>
public sealed record UploadedReleaseFile(long ProductId, string Version, string FileName, long Size, string Sha256, string StoragePath);
