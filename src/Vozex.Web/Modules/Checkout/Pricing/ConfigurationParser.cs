using System.Text.Json;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Checkout.Subdomains;

namespace Vozex.Web.Modules.Checkout.Pricing;

/// <summary>
/// Turns a client's raw <c>configuration</c> object into the typed configuration for one product, or into
/// errors keyed by path. Every id must be one the product offers; unknown keys (a client-computed total,
/// say) are ignored, since nothing the client sends is trusted for pricing.
/// </summary>
internal static class ConfigurationParser
{
    public const int MaxRequirementsLength = 5_000;

    /// <summary>Null when the configuration is not valid; the reasons are in <paramref name="errors"/> under <paramref name="path"/>.</summary>
    public static ItemConfiguration? Parse(Product product, JsonElement configuration, string path, ValidationErrors errors)
    {
        if (configuration.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors.Add(path, "Required.");
            return null;
        }
        if (configuration.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "Must be an object.");
            return null;
        }

        var reader = new Reader(configuration, path, errors);
        var before = errors.Count;
        ItemConfiguration? result = product.Type.Model switch
        {
            DeliveryModel.Saas => ParseSaas(product, reader),
            DeliveryModel.SelfHosted => ParseSelfHosted(product, reader),
            DeliveryModel.Service => ParseService(product, reader),
        };
        return errors.Count == before ? result : null;
    }

    private static SaasConfiguration? ParseSaas(Product product, Reader r)
    {
        var o = product.Options;
        var plan = r.OneOf("plan", o.PricingPlans?.Select(p => p.Id), "plan");
        var cycle = r.OneOf("billing_cycle", PricingEngine.SaasCycles(product).Select(c => c.Id), "billing cycle");
        var features = r.DistinctSubsetOf("features", o.AvailableFeatures?.Select(f => f.Id), "add-on");

        var subdomain = r.OptionalString("subdomain");
        if (subdomain is not null && SubdomainRules.Validate(subdomain) is { } subdomainError)
            r.Error("subdomain", subdomainError);

        var customDomain = r.OptionalString("custom_domain");
        if (customDomain is not null)
        {
            customDomain = DomainNames.Normalize(customDomain);
            if (DomainNames.Validate(customDomain) is { } domainError) r.Error("custom_domain", domainError);
        }

        return plan is null || cycle is null || features is null ? null : new SaasConfiguration(plan, features, cycle, subdomain, customDomain);
    }

    private static SelfHostedConfiguration? ParseSelfHosted(Product product, Reader r)
    {
        var o = product.Options;
        var license = r.OneOf("license_type", o.LicenseTypes?.Select(l => l.Id), "license type");
        var support = r.OneOf("support_plan", o.SupportPlans?.Select(s => s.Id), "support plan");
        var updates = r.OneOf("updates", o.UpdateOptions?.Select(u => u.Id), "update option");
        return license is null || support is null || updates is null ? null : new SelfHostedConfiguration(license, support, updates);
    }

    private static ServiceConfiguration? ParseService(Product product, Reader r)
    {
        var package = r.OneOf("package", product.Options.ServicePackages?.Select(p => p.Id), "package");
        var timeline = r.OneOf("timeline", PricingEngine.ServiceTimelines(product).Select(t => t.Id), "timeline");
        var requirements = r.RequiredText("requirements", "Required: describe what you need.");
        if (requirements is { Length: > MaxRequirementsLength })
        {
            r.Error("requirements", $"At most {MaxRequirementsLength} characters.");
            requirements = null;
        }
        return package is null || timeline is null || requirements is null ? null : new ServiceConfiguration(package, requirements, timeline);
    }

    private sealed class Reader(JsonElement obj, string path, ValidationErrors errors)
    {
        public void Error(string name, string message) => errors.Add($"{path}.{name}", message);

        /// <summary>A required string that must be one of <paramref name="allowed"/> (compared exactly, as ids are).</summary>
        public string? OneOf(string name, IEnumerable<string>? allowed, string what)
        {
            if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                Error(name, "Required.");
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                Error(name, "Must be a string.");
                return null;
            }
            var id = value.GetString()!;
            var ids = (allowed ?? []).ToList();
            if (ids.Contains(id, StringComparer.Ordinal)) return id;
            Error(name, ids.Count == 0
                ? $"This product offers no {what}."
                : $"Unknown {what} '{id}'. This product offers: {string.Join(", ", ids)}.");
            return null;
        }

        /// <summary>An optional array of distinct ids from <paramref name="allowed"/>; absent or null is the empty list.</summary>
        public IReadOnlyList<string>? DistinctSubsetOf(string name, IEnumerable<string>? allowed, string what)
        {
            if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return [];
            if (value.ValueKind != JsonValueKind.Array)
            {
                Error(name, "Must be an array of strings.");
                return null;
            }
            var offered = (allowed ?? []).ToList();
            var ids = offered.ToHashSet(StringComparer.Ordinal);
            var chosen = new List<string>();
            var ok = true;
            var i = 0;
            foreach (var element in value.EnumerateArray())
            {
                var at = $"{name}[{i++}]";
                if (element.ValueKind != JsonValueKind.String)
                {
                    Error(at, "Must be a string.");
                    ok = false;
                    continue;
                }
                var id = element.GetString()!;
                if (!ids.Contains(id))
                {
                    Error(at, $"Unknown {what} '{id}'. This product offers: {(offered.Count == 0 ? "none" : string.Join(", ", offered))}.");
                    ok = false;
                }
                else if (chosen.Contains(id, StringComparer.Ordinal))
                {
                    Error(at, $"The {what} '{id}' is listed twice.");
                    ok = false;
                }
                else chosen.Add(id);
            }
            return ok ? chosen : null;
        }

        /// <summary>A trimmed string, or null when absent, null or blank (or of the wrong type, which is an error).</summary>
        public string? OptionalString(string name) => Text(name, requiredMessage: null);

        /// <summary>A trimmed, non-blank string; null (and an error) otherwise.</summary>
        public string? RequiredText(string name, string requiredMessage) => Text(name, requiredMessage);

        private string? Text(string name, string? requiredMessage)
        {
            string? text = null;
            if (obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                if (value.ValueKind != JsonValueKind.String)
                {
                    Error(name, "Must be a string.");
                    return null;
                }
                text = value.GetString()!.Trim();
            }
            if (string.IsNullOrEmpty(text))
            {
                if (requiredMessage is not null) Error(name, requiredMessage);
                return null;
            }
            return text;
        }
    }
}
