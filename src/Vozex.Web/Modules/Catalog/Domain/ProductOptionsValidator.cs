using System.Text.RegularExpressions;

namespace Vozex.Web.Modules.Catalog.Domain;

/// <summary>
/// Checks that a product's option sets are complete and sellable for its delivery model. Errors are
/// keyed by the snake_case JSON path of the offending field so API clients and forms can show them in place.
/// </summary>
public static partial class ProductOptionsValidator
{
    public static IReadOnlyDictionary<string, string[]> Validate(ProductType type, long basePrice, ProductOptions options)
    {
        var errors = new ErrorBag();
        if (basePrice < 0) errors.Add("base_price", "Must not be negative.");

        switch (type.Model)
        {
            case DeliveryModel.Saas:
                ValidateList(errors, "pricing_plans", options.PricingPlans, p => p.Id, (p, path) =>
                {
                    RequireName(errors, path, p.Name);
                    NonNegative(errors, $"{path}.monthly_price", p.MonthlyPrice);
                    foreach (var (limit, value) in p.Limits)
                        if (value < 0) errors.Add($"{path}.limits.{limit}", "Must not be negative.");
                });
                ValidateList(errors, "available_features", options.AvailableFeatures, f => f.Id, (f, path) =>
                {
                    RequireName(errors, path, f.Name);
                    NonNegative(errors, $"{path}.monthly_price", f.MonthlyPrice);
                }, required: false);
                ValidateList(errors, "billing_cycles", options.BillingCycles, c => c.Id, (c, path) =>
                {
                    if (!OptionDefaults.CycleMonths.TryGetValue(c.Id, out var months))
                        errors.Add($"{path}.id", "Must be monthly, quarterly or annual.");
                    else if (c.Months != months)
                        errors.Add($"{path}.months", $"A {c.Id} cycle is {months} month(s).");
                    if (c.DiscountPercent is < 0 or >= 100)
                        errors.Add($"{path}.discount_percent", "Must be between 0 and 99.");
                });
                break;
            case DeliveryModel.SelfHosted:
                ValidateList(errors, "license_types", options.LicenseTypes, l => l.Id, (l, path) =>
                {
                    RequireName(errors, path, l.Name);
                    NonNegative(errors, $"{path}.price", l.Price);
                    if (l.MaxActivations < 1) errors.Add($"{path}.max_activations", "Must be at least 1.");
                });
                ValidateList(errors, "support_plans", options.SupportPlans, s => s.Id, (s, path) =>
                {
                    RequireName(errors, path, s.Name);
                    NonNegative(errors, $"{path}.price_per_year", s.PricePerYear);
                });
                ValidateList(errors, "update_options", options.UpdateOptions, u => u.Id, (u, path) =>
                {
                    if (!OptionDefaults.UpdateOptionIds.Contains(u.Id)) errors.Add($"{path}.id", "Must be 1_year or lifetime.");
                    RequireName(errors, path, u.Name);
                    NonNegative(errors, $"{path}.surcharge", u.Surcharge);
                });
                ValidateList(errors, "releases", options.Releases, r => r.Version, (r, path) =>
                {
                    if (r.Files.Count == 0) errors.Add($"{path}.files", "A release needs at least one file.");
                }, required: false);
                break;
            case DeliveryModel.Service:
                ValidateList(errors, "service_packages", options.ServicePackages, p => p.Id, (p, path) =>
                {
                    RequireName(errors, path, p.Name);
                    NonNegative(errors, $"{path}.price", p.Price);
                    if (p.DurationDays < 1) errors.Add($"{path}.duration_days", "Must be at least 1 day.");
                });
                ValidateList(errors, "timelines", options.Timelines, t => t.Id, (t, path) =>
                {
                    RequireName(errors, path, t.Name);
                    if (t.PriceFactorPercent < 1) errors.Add($"{path}.price_factor_percent", "Must be positive.");
                    if (t.DurationFactorPercent < 1) errors.Add($"{path}.duration_factor_percent", "Must be positive.");
                });
                if (options.RequiredSkills is not { Count: > 0 })
                    errors.Add("required_skills", "At least one skill is required.");
                else
                    foreach (var (skill, i) in options.RequiredSkills.Select((s, i) => (s, i)))
                        if (!IdPattern().IsMatch(skill)) errors.Add($"required_skills[{i}]", "Use lowercase letters, digits and underscores.");
                break;
        }

        ForbidForeignSets(errors, type.Model, options);
        return errors.ToDictionary();
    }

    private static void ValidateList<T>(ErrorBag errors, string name, IReadOnlyList<T>? items, Func<T, string> id, Action<T, string> validate, bool required = true)
    {
        if (items is not { Count: > 0 })
        {
            if (required) errors.Add(name, "At least one entry is required.");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{name}[{i}]";
            var key = id(items[i]);
            if (string.IsNullOrWhiteSpace(key) || key.Length > 60) errors.Add($"{path}.id", "Required, at most 60 characters.");
            else if (!seen.Add(key)) errors.Add($"{path}.id", $"Duplicate id '{key}'.");
            validate(items[i], path);
        }
    }

    private static void ForbidForeignSets(ErrorBag errors, DeliveryModel model, ProductOptions o)
    {
        void Forbid(bool present, string name)
        {
            if (present) errors.Add(name, $"Does not apply to {DeliveryModels.Name(model)} products.");
        }
        Forbid(model != DeliveryModel.Saas && (o.PricingPlans is { Count: > 0 }), "pricing_plans");
        Forbid(model != DeliveryModel.Saas && (o.AvailableFeatures is { Count: > 0 }), "available_features");
        Forbid(model != DeliveryModel.SelfHosted && (o.LicenseTypes is { Count: > 0 }), "license_types");
        Forbid(model != DeliveryModel.Service && (o.ServicePackages is { Count: > 0 }), "service_packages");
    }

    private static void RequireName(ErrorBag errors, string path, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) errors.Add($"{path}.name", "Required.");
    }

    private static void NonNegative(ErrorBag errors, string path, long amount)
    {
        if (amount < 0) errors.Add(path, "Must not be negative.");
    }

    [GeneratedRegex("^[a-z0-9_]{1,60}$")]
    private static partial Regex IdPattern();

    private sealed class ErrorBag
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public void Add(string key, string message)
        {
            if (!_errors.TryGetValue(key, out var list)) _errors[key] = list = [];
            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
