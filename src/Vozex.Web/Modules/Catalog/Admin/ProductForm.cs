using System.Globalization;
using System.Text.RegularExpressions;
using Vozex.Web.Modules.Catalog.Domain;

namespace Vozex.Web.Modules.Catalog.Admin;

/// <summary>
/// The product editor's form: everything is text as typed (prices in major units such as 49.00), so a value that is not a
/// number is reported beside its field under the same path the API uses (<c>pricing_plans[0].monthly_price</c>).
/// Rows are added and removed by submitting the form with a command, so the editor works without JavaScript.
/// </summary>
public sealed partial class ProductForm
{
    public string? Command { get; set; }
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Description { get; set; }
    public string? ProductType { get; set; }
    public string? Status { get; set; }
    public string? BasePrice { get; set; }
    public bool Featured { get; set; }

    /// <summary>The revision the page was opened at, posted back so a stale save is refused.</summary>
    public int? Revision { get; set; }

    public List<PlanRow> Plans { get; set; } = [];
    public List<AddOnRow> AddOns { get; set; } = [];
    public List<CycleRow> Cycles { get; set; } = [];
    public List<LicenseRow> Licenses { get; set; } = [];
    public List<SupportRow> Supports { get; set; } = [];
    public List<UpdateRow> Updates { get; set; } = [];
    public List<ReleaseRow> Releases { get; set; } = [];
    public List<PackageRow> Packages { get; set; } = [];
    public List<TimelineRow> Timelines { get; set; } = [];
    public string? Skills { get; set; }

    public sealed class PlanRow
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? MonthlyPrice { get; set; }
        public string? Features { get; set; }
        public string? Limits { get; set; }
    }

    public sealed class AddOnRow
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? MonthlyPrice { get; set; }
        public string? Description { get; set; }
    }

    public sealed class CycleRow
    {
        public string? Id { get; set; }
        public bool Enabled { get; set; }
        public string? DiscountPercent { get; set; }
    }

    public sealed class LicenseRow
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Price { get; set; }
        public string? Description { get; set; }
        public string? MaxActivations { get; set; }
    }

    public sealed class SupportRow
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? PricePerYear { get; set; }
        public string? Description { get; set; }
    }

    public sealed class UpdateRow
    {
        public string? Id { get; set; }
        public bool Enabled { get; set; }
        public string? Name { get; set; }
        public string? Surcharge { get; set; }
    }

    public sealed class ReleaseRow
    {
        public string? Version { get; set; }
        public string? Notes { get; set; }
        public string? ReleasedOn { get; set; }
        public bool Remove { get; set; }
        public List<ReleaseFileRow> Files { get; set; } = [];
    }

    public sealed class ReleaseFileRow
    {
        public string? StoragePath { get; set; }
        public string? FileName { get; set; }
        public string? Size { get; set; }
        public string? Sha256 { get; set; }
        public bool Remove { get; set; }
    }

    public sealed class PackageRow
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Price { get; set; }
        public string? Description { get; set; }
        public string? DurationDays { get; set; }
        public string? Deliverables { get; set; }
    }

    public sealed class TimelineRow
    {
        public string? Id { get; set; }
        public bool Enabled { get; set; }
        public string? Name { get; set; }
        public string? PriceFactorPercent { get; set; }
        public string? DurationFactorPercent { get; set; }
    }

    /// <summary>Form binding leaves a list null when the post has no field for it (an empty set); treat that as empty.</summary>
    public ProductForm Normalized()
    {
        Plans ??= [];
        AddOns ??= [];
        Cycles ??= [];
        Licenses ??= [];
        Supports ??= [];
        Updates ??= [];
        Releases ??= [];
        Packages ??= [];
        Timelines ??= [];
        foreach (var release in Releases) release.Files ??= [];
        return this;
    }

    /// <summary>A blank form for a new product of <paramref name="type"/>, starting from the SPEC §3 defaults.</summary>
    public static ProductForm New(ProductType type)
    {
        var form = new ProductForm { ProductType = type.Id, Status = "draft", BasePrice = "0.00" };
        switch (type.Model)
        {
            case DeliveryModel.Saas:
                form.Plans.Add(new PlanRow());
                break;
            case DeliveryModel.SelfHosted:
                form.Licenses.Add(new LicenseRow { MaxActivations = "1" });
                form.Supports.AddRange(OptionDefaults.SupportPlans.Select(s => new SupportRow { Id = s.Id, Name = s.Name, PricePerYear = Major(s.PricePerYear), Description = s.Description }));
                break;
            case DeliveryModel.Service:
                form.Packages.Add(new PackageRow { DurationDays = "7" });
                break;
        }
        form.FillFixedRows(type.Model, null);
        return form;
    }

    public static ProductForm From(AdminProductView p)
    {
        var type = ProductTypeRegistry.Find(p.ProductType)!;
        var form = new ProductForm
        {
            Name = p.Name,
            Slug = p.Slug,
            Description = p.Description,
            ProductType = p.ProductType,
            Status = p.Status,
            BasePrice = Major(p.BasePrice.Amount),
            Featured = p.Featured,
            Revision = p.Revision,
            Plans = (p.PricingPlans ?? []).Select(x => new PlanRow
            {
                Id = x.Id, Name = x.Name, MonthlyPrice = Major(x.MonthlyPrice), Features = string.Join(", ", x.Features),
                Limits = string.Join(", ", x.Limits.Select(l => $"{l.Key}={l.Value.ToString(CultureInfo.InvariantCulture)}")),
            }).ToList(),
            AddOns = (p.AvailableFeatures ?? []).Select(x => new AddOnRow { Id = x.Id, Name = x.Name, MonthlyPrice = Major(x.MonthlyPrice), Description = x.Description }).ToList(),
            Licenses = (p.LicenseTypes ?? []).Select(x => new LicenseRow
            {
                Id = x.Id, Name = x.Name, Price = Major(x.Price), Description = x.Description, MaxActivations = x.MaxActivations.ToString(CultureInfo.InvariantCulture),
            }).ToList(),
            Supports = (p.SupportPlans ?? []).Select(x => new SupportRow { Id = x.Id, Name = x.Name, PricePerYear = Major(x.PricePerYear), Description = x.Description }).ToList(),
            Releases = (p.Releases ?? []).Select(r => new ReleaseRow
            {
                Version = r.Version, Notes = r.Notes, ReleasedOn = r.ReleasedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Files = r.Files.Select(f => new ReleaseFileRow
                {
                    StoragePath = f.StoragePath, FileName = f.FileName, Size = f.Size.ToString(CultureInfo.InvariantCulture), Sha256 = f.Sha256,
                }).ToList(),
            }).ToList(),
            Packages = (p.ServicePackages ?? []).Select(x => new PackageRow
            {
                Id = x.Id, Name = x.Name, Price = Major(x.Price), Description = x.Description,
                DurationDays = x.DurationDays.ToString(CultureInfo.InvariantCulture), Deliverables = string.Join(", ", x.Deliverables ?? []),
            }).ToList(),
            Skills = string.Join(", ", p.RequiredSkills ?? []),
        };
        form.FillFixedRows(type.Model, p);
        return form;
    }

    /// <summary>Billing cycles, update options and timelines have fixed ids: one row each, ticked when offered.</summary>
    private void FillFixedRows(DeliveryModel model, AdminProductView? p)
    {
        switch (model)
        {
            case DeliveryModel.Saas:
                Cycles = OptionDefaults.BillingCycles.Select(d =>
                {
                    var offered = p is null ? d : p.BillingCycles?.FirstOrDefault(c => c.Id == d.Id);
                    return new CycleRow { Id = d.Id, Enabled = offered is not null, DiscountPercent = (offered ?? d).DiscountPercent.ToString(CultureInfo.InvariantCulture) };
                }).ToList();
                break;
            case DeliveryModel.SelfHosted:
                Updates = [.. new[] { new UpdateOption("1_year", "1 year of updates", 0), new UpdateOption("lifetime", "Lifetime updates", 10_000) }.Select(d =>
                {
                    var offered = p is null ? d : p.UpdateOptions?.FirstOrDefault(u => u.Id == d.Id);
                    var shown = offered ?? d;
                    return new UpdateRow { Id = d.Id, Enabled = offered is not null, Name = shown.Name, Surcharge = Major(shown.Surcharge) };
                })];
                break;
            case DeliveryModel.Service:
                Timelines = OptionDefaults.Timelines.Select(d =>
                {
                    var offered = p is null ? d : p.Timelines?.FirstOrDefault(t => t.Id == d.Id);
                    var shown = offered ?? d;
                    return new TimelineRow
                    {
                        Id = d.Id, Enabled = offered is not null, Name = shown.Name,
                        PriceFactorPercent = shown.PriceFactorPercent.ToString(CultureInfo.InvariantCulture),
                        DurationFactorPercent = shown.DurationFactorPercent.ToString(CultureInfo.InvariantCulture),
                    };
                }).ToList();
                break;
        }
    }

    /// <summary>Applies an add or remove command; false when the command is not one.</summary>
    public bool ApplyRowCommand()
    {
        var parts = (Command ?? "").Split(':');
        if (parts.Length < 2) return false;
        var remove = parts[0] == "remove" && parts.Length == 3 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var index) ? index : -1;
        if (parts[0] == "add")
        {
            switch (parts[1])
            {
                case "plans": Plans.Add(new PlanRow()); return true;
                case "addons": AddOns.Add(new AddOnRow()); return true;
                case "licenses": Licenses.Add(new LicenseRow { MaxActivations = "1" }); return true;
                case "supports": Supports.Add(new SupportRow()); return true;
                case "packages": Packages.Add(new PackageRow { DurationDays = "7" }); return true;
            }
            return false;
        }
        if (remove < 0) return false;
        static bool RemoveAt<T>(List<T> list, int i)
        {
            if (i < list.Count) list.RemoveAt(i);
            return true;
        }
        return parts[1] switch
        {
            "plans" => RemoveAt(Plans, remove),
            "addons" => RemoveAt(AddOns, remove),
            "licenses" => RemoveAt(Licenses, remove),
            "supports" => RemoveAt(Supports, remove),
            "packages" => RemoveAt(Packages, remove),
            _ => false,
        };
    }

    /// <summary>The API body this form stands for, and the fields whose text is not a number.</summary>
    public (ProductWrite Write, Dictionary<string, string[]> Errors) ToWrite(DeliveryModel model)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        long? Money(string? text, string path)
        {
            if (string.IsNullOrWhiteSpace(text)) return null; // reported as required by the server, under the same path
            var trimmed = text.Trim().TrimStart('$');
            if (decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                && decimal.Round(value, 2) == value && Math.Abs(value) < 10_000_000_000m)
                return (long)(value * 100);
            errors[path] = ["Enter an amount such as 49.00."];
            return 0;
        }
        int? Whole(string? text, string path)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
            errors[path] = ["Enter a whole number."];
            return 0;
        }
        static List<string> List(string? text) =>
            (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        string? IdOf(string? id, string? name) => !string.IsNullOrWhiteSpace(id) ? id.Trim() : string.IsNullOrWhiteSpace(name) ? null : IdFrom(name);

        var write = new ProductWrite
        {
            Revision = Revision,
            Name = Name,
            Slug = string.IsNullOrWhiteSpace(Slug) ? null : Slug,
            Description = Description,
            ProductType = ProductType,
            Status = Status,
            BasePrice = Money(BasePrice, "base_price") ?? 0,
            Featured = Featured,
        };
        switch (model)
        {
            case DeliveryModel.Saas:
                write = write with
                {
                    PricingPlans = Plans.Select((p, i) => (PlanWrite?)new PlanWrite(IdOf(p.Id, p.Name), p.Name, Money(p.MonthlyPrice, $"pricing_plans[{i}].monthly_price"),
                        List(p.Features), Limits(p.Limits, $"pricing_plans[{i}].limits", errors))).ToList(),
                    AvailableFeatures = AddOns.Select((a, i) => (AddOnWrite?)new AddOnWrite(IdOf(a.Id, a.Name), a.Name, Money(a.MonthlyPrice, $"available_features[{i}].monthly_price"), a.Description)).ToList(),
                    BillingCycles = Cycles.Where(c => c.Enabled).Select((c, i) => (BillingCycleWrite?)new BillingCycleWrite(c.Id, null,
                        Whole(c.DiscountPercent, $"billing_cycles[{i}].discount_percent") ?? 0)).ToList(),
                };
                break;
            case DeliveryModel.SelfHosted:
                write = write with
                {
                    LicenseTypes = Licenses.Select((l, i) => (LicenseTypeWrite?)new LicenseTypeWrite(IdOf(l.Id, l.Name), l.Name, Money(l.Price, $"license_types[{i}].price"),
                        l.Description, Whole(l.MaxActivations, $"license_types[{i}].max_activations"))).ToList(),
                    SupportPlans = Supports.Select((s, i) => (SupportPlanWrite?)new SupportPlanWrite(IdOf(s.Id, s.Name), s.Name, Money(s.PricePerYear, $"support_plans[{i}].price_per_year"), s.Description)).ToList(),
                    UpdateOptions = Updates.Where(u => u.Enabled).Select((u, i) => (UpdateOptionWrite?)new UpdateOptionWrite(u.Id, u.Name, Money(u.Surcharge, $"update_options[{i}].surcharge") ?? 0)).ToList(),
                    Releases = Releases.Where(r => !r.Remove).Select((r, i) => (ReleaseWrite?)new ReleaseWrite(r.Version, r.Notes,
                        DateOnly.TryParseExact(r.ReleasedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) ? on : null,
                        r.Files.Where(f => !f.Remove).Select(f => (ReleaseFileRef?)new ReleaseFileRef(f.StoragePath)).ToList())).ToList(),
                };
                break;
            case DeliveryModel.Service:
                write = write with
                {
                    ServicePackages = Packages.Select((p, i) => (ServicePackageWrite?)new ServicePackageWrite(IdOf(p.Id, p.Name), p.Name, Money(p.Price, $"service_packages[{i}].price"),
                        p.Description, Whole(p.DurationDays, $"service_packages[{i}].duration_days"), List(p.Deliverables))).ToList(),
                    Timelines = Timelines.Where(t => t.Enabled).Select((t, i) => (TimelineWrite?)new TimelineWrite(t.Id, t.Name,
                        Whole(t.PriceFactorPercent, $"timelines[{i}].price_factor_percent"), Whole(t.DurationFactorPercent, $"timelines[{i}].duration_factor_percent"))).ToList(),
                    RequiredSkills = List(Skills).Select(s => (string?)s).ToList(),
                };
                break;
        }
        return (write, errors);
    }

    /// <summary>"users=5, locations=2" → limits; a malformed pair is reported on the limits field.</summary>
    private static Dictionary<string, int> Limits(string? text, string path, Dictionary<string, string[]> errors)
    {
        var limits = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && IdPattern().IsMatch(parts[0]) && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                limits[parts[0]] = value;
            else
                errors[path] = ["Write limits as name=number pairs separated by commas, such as users=5, locations=2."];
        }
        return limits;
    }

    /// <summary>An option id from its name: "Priority Support" → priority_support.</summary>
    public static string IdFrom(string name)
    {
        var id = NonIdChars().Replace(name.Trim().ToLowerInvariant(), "_").Trim('_');
        return id.Length > 60 ? id[..60] : id;
    }

    public static string Major(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9_]{1,60}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonIdChars();
}
