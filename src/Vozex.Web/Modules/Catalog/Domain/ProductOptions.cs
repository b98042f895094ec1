namespace Vozex.Web.Modules.Catalog.Domain;

/// <summary>
/// The type-specific option sets of SPEC §3, stored as one JSON document per product. Only the sets
/// of the product's delivery model are filled; all prices are integer minor units of the product's currency.
/// </summary>
public sealed record ProductOptions
{
    public IReadOnlyList<PricingPlan>? PricingPlans { get; init; }
    public IReadOnlyList<AddOnFeature>? AvailableFeatures { get; init; }
    public IReadOnlyList<BillingCycleOption>? BillingCycles { get; init; }

    public IReadOnlyList<LicenseTypeOption>? LicenseTypes { get; init; }
    public IReadOnlyList<SupportPlanOption>? SupportPlans { get; init; }
    public IReadOnlyList<UpdateOption>? UpdateOptions { get; init; }
    public IReadOnlyList<Release>? Releases { get; init; }

    public IReadOnlyList<ServicePackage>? ServicePackages { get; init; }
    public IReadOnlyList<TimelineOption>? Timelines { get; init; }
    public IReadOnlyList<string>? RequiredSkills { get; init; }
}

public sealed record PricingPlan(string Id, string Name, long MonthlyPrice, IReadOnlyList<string> Features, IReadOnlyDictionary<string, int> Limits);

public sealed record AddOnFeature(string Id, string Name, long MonthlyPrice, string? Description = null);

public sealed record BillingCycleOption(string Id, int Months, int DiscountPercent);

public sealed record LicenseTypeOption(string Id, string Name, long Price, string Description, int MaxActivations);

public sealed record SupportPlanOption(string Id, string Name, long PricePerYear, string? Description = null);

public sealed record UpdateOption(string Id, string Name, long Surcharge);

public sealed record Release(string Version, string Notes, DateOnly ReleasedOn, IReadOnlyList<ReleaseFile> Files);

/// <summary>A downloadable file; <c>StoragePath</c> is relative to the data directory and never shown to customers.</summary>
public sealed record ReleaseFile(string FileName, long Size, string Sha256, string StoragePath);

public sealed record ServicePackage(string Id, string Name, long Price, string Description, int DurationDays, IReadOnlyList<string>? Deliverables = null);

/// <summary>Factors are integer percents (125 = ×1.25) so that prices stay exact.</summary>
public sealed record TimelineOption(string Id, string Name, int PriceFactorPercent, int DurationFactorPercent);

/// <summary>Defaults of SPEC §3, used by seeds and by the admin editor as a starting point.</summary>
public static class OptionDefaults
{
    public static IReadOnlyList<BillingCycleOption> BillingCycles { get; } =
    [
        new("monthly", 1, 0),
        new("quarterly", 3, 0),
        new("annual", 12, 20),
    ];

    public static IReadOnlyList<SupportPlanOption> SupportPlans { get; } =
    [
        new("basic", "Basic Support", 5_000, "Email support, next business day"),
        new("priority", "Priority Support", 15_000, "Priority email and chat, 4-hour response"),
    ];

    public static IReadOnlyList<TimelineOption> Timelines { get; } =
    [
        new("standard", "Standard", 100, 100),
        new("expedited", "Expedited", 125, 75),
        new("rush", "Rush", 150, 50),
    ];

    public static readonly IReadOnlyDictionary<string, int> CycleMonths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["monthly"] = 1,
        ["quarterly"] = 3,
        ["annual"] = 12,
    };

    public static readonly IReadOnlySet<string> UpdateOptionIds = new HashSet<string>(StringComparer.Ordinal) { "1_year", "lifetime" };
}
