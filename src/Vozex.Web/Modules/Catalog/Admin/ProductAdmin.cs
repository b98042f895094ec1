using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Admin.Contracts;
using Vozex.Web.Modules.Catalog.Data;
using Vozex.Web.Modules.Checkout.Contracts;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Files;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Catalog.Admin;

public sealed record AdminProductQuery(string? Q, string? Type, string? DeliveryModel, ProductStatus? Status, int Page, int PageSize);

/// <summary>What a save did: the product, or the per-field errors (nothing changed), or no such product.</summary>
public sealed record ProductSaveResult(AdminProductView? Product, IReadOnlyDictionary<string, string[]> Errors, bool NotFound = false, bool Conflict = false)
{
    /// <summary>Someone else saved the product after the edit started; nothing was changed.</summary>
    public static ProductSaveResult Stale { get; } = new(null, new Dictionary<string, string[]>(), Conflict: true);

    public bool Succeeded => Product is not null && Errors.Count == 0;
}

/// <summary>
/// Products administration: list, create, edit, archive and release uploads. Every change is validated as a whole
/// (the catalog's own option rules plus the product fields), audited in the same commit, and evicts the catalog's
/// output cache. Orders keep their own snapshot of what was bought, so nothing here reaches a placed order.
/// </summary>
public sealed partial class ProductAdmin(
    MarketplaceDbContext db, IOutputCacheStore cache, IAuditLog audit, IFileStore files, IOrderedProducts ordered, TimeProvider time)
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int SlugMaxLength = 80;
    public const int FileNameMaxLength = 200;

    /// <summary>The storage paths of uploaded release files are the file store's keys under this folder of the data directory.</summary>
    public const string FileStoreFolder = "files/";

    /// <summary>draft → active → archived; an archived product may be brought back as a draft to be reworked.</summary>
    public static IReadOnlyList<ProductStatus> NextStatuses(ProductStatus from) => from switch
    {
        ProductStatus.Draft => [ProductStatus.Active, ProductStatus.Archived],
        ProductStatus.Active => [ProductStatus.Archived],
        ProductStatus.Archived => [ProductStatus.Draft],
        _ => [],
    };

    public async Task<Paged<AdminProductSummary>> ListAsync(AdminProductQuery query, CancellationToken cancellationToken)
    {
        var products = db.Products().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = query.Q.Trim().ToLowerInvariant();
            products = products.Where(p => p.Name.ToLower().Contains(q) || p.Slug.Contains(q));
        }
        if (!string.IsNullOrEmpty(query.Type)) products = products.Where(p => p.ProductType == query.Type);
        if (!string.IsNullOrEmpty(query.DeliveryModel)) products = products.Where(p => p.DeliveryModel == query.DeliveryModel);
        if (query.Status is { } status) products = products.Where(p => p.Status == status);
        var total = await products.CountAsync(cancellationToken);
        var rows = await products.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(p => new { p.Id, p.Slug, p.Name, p.ProductType, p.DeliveryModel, p.Status, p.Currency, p.BasePrice, p.FromPrice, p.UpdatedAt })
            .ToListAsync(cancellationToken);
        var items = rows.Select(p =>
        {
            var type = ProductTypeRegistry.Find(p.ProductType);
            return new AdminProductSummary(p.Id, p.Slug, p.Name, p.ProductType, type?.Name ?? p.ProductType, type?.Icon ?? "", p.DeliveryModel,
                p.Status.WireName(), new Money(p.BasePrice, p.Currency), new Money(p.FromPrice, p.Currency), p.UpdatedAt);
        }).ToList();
        return new Paged<AdminProductSummary>(items, query.Page, query.PageSize, total);
    }

    public async Task<AdminProductView?> FindAsync(long id, CancellationToken cancellationToken)
    {
        var product = await db.Products().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null ? null : View(product);
    }

    /// <param name="checkOnly">Validate and report, never save (the editor does this when some of its text was not a number).</param>
    public async Task<ProductSaveResult> CreateAsync(ProductWrite write, ClaimsPrincipal actor, CancellationToken cancellationToken, bool checkOnly = false)
    {
        var errors = new Errors();
        var type = ReadType(write.ProductType, errors);
        var status = ReadStatus(write.Status, ProductStatus.Draft, null, errors);
        var slug = write.Slug is null && write.Name is not null ? Slugify(write.Name) : write.Slug?.Trim() ?? "";
        ReadCommon(write, slug, errors);
        if (type is null) return Failed(errors);

        var options = ReadOptions(type.Model, write, new Dictionary<string, ReleaseFile>(), errors);
        ValidateOptions(type, write.BasePrice ?? 0, options, errors);
        if (errors.Count == 0 && await db.Products().AnyAsync(p => p.Slug == slug, cancellationToken))
            errors.Add("slug", "Another product already uses this slug.");
        if (errors.Count > 0 || checkOnly) return Failed(errors);

        var now = time.GetUtcNow();
        var product = new Product
        {
            Slug = slug,
            Name = write.Name!.Trim(),
            Description = write.Description!.Trim(),
            BasePrice = write.BasePrice ?? 0,
            Currency = write.Currency?.Trim() ?? "USD",
            Featured = write.Featured ?? false,
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
        };
        product.Configure(type, options);
        db.Products().Add(product);
        // The audit entry names the new id, so the product is inserted first; one transaction keeps the two together.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await TrySaveAsync(errors, cancellationToken)) return Failed(errors);
            audit.Record(actor, "product.create", "product", product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { product.Slug, product.Name, product_type = type.Id, status = status.WireName(), base_price = product.BasePrice });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await CatalogCache.InvalidateAsync(cache, cancellationToken);
        return new ProductSaveResult(View(product), errors.ToDictionary());
    }

    public async Task<ProductSaveResult> UpdateAsync(long id, ProductWrite write, ClaimsPrincipal actor, CancellationToken cancellationToken, bool checkOnly = false)
    {
        var product = await db.Products().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null) return new ProductSaveResult(null, new Dictionary<string, string[]>(), NotFound: true);
        if (write.Revision is { } startedFrom && startedFrom != product.Revision) return ProductSaveResult.Stale;

        var errors = new Errors();
        var type = write.ProductType is null ? product.Type : ReadType(write.ProductType, errors);
        if (type is not null && type.Model != product.Type.Model)
            errors.Add("product_type", $"A {product.DeliveryModel} product keeps its delivery model; pick a {product.DeliveryModel} type or create a new product.");
        var status = ReadStatus(write.Status, product.Status, product.Status, errors);
        var slug = write.Slug?.Trim() ?? product.Slug;
        ReadCommon(write, slug, errors);
        // Carts, links and the fulfilment drivers find a product again by its slug: it may only change while nobody can have used it.
        if (slug != product.Slug && (product.Status != ProductStatus.Draft || await ordered.HasOrdersAsync(id, cancellationToken)))
            errors.Add("slug", "The slug is fixed once a product has been published or ordered: carts, links and deliveries find it by its slug.");
        if (type is null) return Failed(errors);

        var knownFiles = (product.Options.Releases ?? []).SelectMany(r => r.Files).ToDictionary(f => f.StoragePath, StringComparer.Ordinal);
        var options = ReadOptions(type.Model, write, knownFiles, errors);
        ValidateOptions(type, write.BasePrice ?? 0, options, errors);
        if (errors.Count == 0 && slug != product.Slug && await db.Products().AnyAsync(p => p.Slug == slug && p.Id != id, cancellationToken))
            errors.Add("slug", "Another product already uses this slug.");
        if (errors.Count > 0 || checkOnly) return Failed(errors);

        var before = new { product.Slug, product.Name, status = product.Status.WireName(), base_price = product.BasePrice, product_type = product.ProductType };
        product.Slug = slug;
        product.Name = write.Name!.Trim();
        product.Description = write.Description!.Trim();
        product.BasePrice = write.BasePrice ?? 0;
        product.Currency = write.Currency?.Trim() ?? product.Currency;
        product.Featured = write.Featured ?? product.Featured;
        product.Status = status;
        product.UpdatedAt = time.GetUtcNow();
        product.Revision++;
        product.Configure(type, options);
        audit.Record(actor, status != ProductStatusOf(before.status) ? $"product.{StatusVerb(status)}" : "product.update", "product", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { before, after = new { product.Slug, product.Name, status = status.WireName(), base_price = product.BasePrice, product_type = product.ProductType } });
        try
        {
            if (!await TrySaveAsync(errors, cancellationToken)) return Failed(errors);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another save landed between this one's read and its write.
            db.ChangeTracker.Clear();
            return ProductSaveResult.Stale;
        }
        await CatalogCache.InvalidateAsync(cache, cancellationToken);
        return new ProductSaveResult(View(product), errors.ToDictionary());
    }

    /// <summary>Archives (the product leaves the storefront; orders and licenses that name it are untouched). Archiving twice changes nothing.</summary>
    public async Task<AdminProductView?> ArchiveAsync(long id, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var product = await db.Products().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (product is null) return null;
            if (product.Status == ProductStatus.Archived) return View(product);
            var from = product.Status;
            product.Status = ProductStatus.Archived;
            product.UpdatedAt = time.GetUtcNow();
            product.Revision++;
            audit.Record(actor, "product.archive", "product", id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { from = from.WireName() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A concurrent save won; archiving does not depend on what it changed, so read it again and archive that.
                db.ChangeTracker.Clear();
                continue;
            }
            await CatalogCache.InvalidateAsync(cache, cancellationToken);
            return View(product);
        }
    }

    /// <summary>
    /// Stores an uploaded file in the file store (which measures its size and SHA-256 while writing) and adds it to the
    /// release <paramref name="version"/>, creating the release when it is new.
    /// </summary>
    public async Task<(UploadedReleaseFile? File, IReadOnlyDictionary<string, string[]> Errors, bool NotFound)> AddReleaseFileAsync(
        long id, string? version, string? notes, DateOnly? releasedOn, string? fileName, Stream? content, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var product = await db.Products().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null) return (null, new Dictionary<string, string[]>(), true);
        var errors = new Errors();
        if (product.Type.Model != DeliveryModel.SelfHosted) errors.Add("file", "Only self-hosted products have release files.");
        version = version?.Trim();
        if (string.IsNullOrEmpty(version) || version.Length > 40 || !VersionPattern().IsMatch(version))
            errors.Add("version", "Required: a version such as 2.4.1 (letters, digits, dots, dashes; at most 40).");
        var name = fileName is null ? null : Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (content is null || string.IsNullOrEmpty(name)) errors.Add("file", "Choose a file to upload.");
        else if (name.Length > FileNameMaxLength || !FileNamePattern().IsMatch(name))
            errors.Add("file", "The file name may use letters, digits, dots, dashes and underscores (at most 200).");
        if (notes is { Length: > 4000 }) errors.Add("notes", "At most 4000 characters.");
        if (errors.Count == 0 && HasFileNamed(product, version!, name!))
            errors.Add("file", $"Release {version} already has a file named {name}; remove it first.");
        if (errors.Count > 0) return (null, errors.ToDictionary(), false);

        var stored = await files.SaveAsync("releases", content!, cancellationToken);
        if (stored.Size == 0)
            return (null, new Dictionary<string, string[]> { ["file"] = ["The file is empty."] }, false);
        var file = new ReleaseFile(name!, stored.Size, stored.Sha256, FileStoreFolder + stored.StoragePath);
        // Two uploads to one product (or an upload beside an edit) must both land: on a concurrent save, read the
        // product again and add the file to what is there now.
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                db.ChangeTracker.Clear();
                product = await db.Products().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
                if (product is null) return (null, new Dictionary<string, string[]>(), true);
                if (HasFileNamed(product, version!, name!))
                    return (null, new Dictionary<string, string[]> { ["file"] = [$"Release {version} already has a file named {name}; remove it first."] }, false);
            }
            AddFile(product, version!, notes, releasedOn, file);
            audit.Record(actor, "product.release_file", "product", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { version, file_name = file.FileName, size = file.Size, sha256 = file.Sha256 });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 10)
            {
            }
        }
        await CatalogCache.InvalidateAsync(cache, cancellationToken);
        return (new UploadedReleaseFile(id, version!, file.FileName, file.Size, file.Sha256, file.StoragePath), new Dictionary<string, string[]>(), false);
    }

    private static bool HasFileNamed(Product product, string version, string name) =>
        (product.Options.Releases ?? []).Any(r => r.Version == version && r.Files.Any(f => f.FileName == name));

    private void AddFile(Product product, string version, string? notes, DateOnly? releasedOn, ReleaseFile file)
    {
        var releases = (product.Options.Releases ?? []).ToList();
        var index = releases.FindIndex(r => r.Version == version);
        var now = time.GetUtcNow();
        if (index >= 0)
            releases[index] = releases[index] with
            {
                Files = [.. releases[index].Files, file],
                Notes = string.IsNullOrWhiteSpace(notes) ? releases[index].Notes : notes.Trim(),
            };
        else
            releases.Insert(0, new Release(version, notes?.Trim() ?? "", releasedOn ?? DateOnly.FromDateTime(now.UtcDateTime), [file]));
        product.UpdatedAt = now;
        product.Revision++;
        product.Configure(product.Type, product.Options with { Releases = releases });
    }

    public static AdminProductView View(Product p)
    {
        var o = p.Options;
        return new AdminProductView(p.Id, p.Slug, p.Name, p.Description, p.ProductType, p.Type.Name, p.DeliveryModel, p.Category,
            p.Status.WireName(), NextStatuses(p.Status).Select(s => s.WireName()).ToList(), p.Currency, p.BasePriceMoney, p.FromPriceMoney,
            p.Featured, p.CreatedAt, p.UpdatedAt)
        {
            Revision = p.Revision,
            PricingPlans = o.PricingPlans,
            AvailableFeatures = o.AvailableFeatures,
            BillingCycles = o.BillingCycles,
            LicenseTypes = o.LicenseTypes,
            SupportPlans = o.SupportPlans,
            UpdateOptions = o.UpdateOptions,
            Releases = o.Releases,
            ServicePackages = o.ServicePackages,
            Timelines = o.Timelines,
            RequiredSkills = o.RequiredSkills,
        };
    }

    /// <summary>A slug from a name: lower-case words joined by dashes.</summary>
    public static string Slugify(string name)
    {
        var slug = NonSlugChars().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');
        return slug.Length > SlugMaxLength ? slug[..SlugMaxLength].TrimEnd('-') : slug;
    }

    private static ProductStatus ProductStatusOf(string wire) => WireNames.FromWireName<ProductStatus>(wire)!.Value;

    private static string StatusVerb(ProductStatus status) => status switch
    {
        ProductStatus.Active => "publish",
        ProductStatus.Archived => "archive",
        _ => "unpublish",
    };

    private async Task<bool> TrySaveAsync(Errors errors, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // Two saves raced past the slug check; the unique index decided.
            db.ChangeTracker.Clear();
            errors.Add("slug", "Another product already uses this slug.");
            return false;
        }
    }

    private static ProductSaveResult Failed(Errors errors) => new(null, errors.ToDictionary());

    private static ProductType? ReadType(string? id, Errors errors)
    {
        var type = ProductTypeRegistry.Find(id?.Trim());
        if (type is null) errors.Add("product_type", string.IsNullOrWhiteSpace(id) ? "Choose a product type." : $"Unknown product type '{id}'.");
        return type;
    }

    private static ProductStatus ReadStatus(string? wire, ProductStatus fallback, ProductStatus? current, Errors errors)
    {
        if (wire is null) return fallback;
        if (WireNames.FromWireName<ProductStatus>(wire.Trim()) is not { } status)
        {
            errors.Add("status", $"Must be one of {WireNames.Choices<ProductStatus>()}.");
            return fallback;
        }
        if (current is { } from && status != from && !NextStatuses(from).Contains(status))
            errors.Add("status", $"A product that is {from.WireName()} can become {string.Join(" or ", NextStatuses(from).Select(s => s.WireName()))}, not {status.WireName()}.");
        return status;
    }

    private static void ReadCommon(ProductWrite write, string slug, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(write.Name)) errors.Add("name", "Required.");
        else if (write.Name.Trim().Length > NameMaxLength) errors.Add("name", $"At most {NameMaxLength} characters.");
        if (string.IsNullOrWhiteSpace(write.Description)) errors.Add("description", "Required.");
        else if (write.Description.Trim().Length > DescriptionMaxLength) errors.Add("description", $"At most {DescriptionMaxLength} characters.");
        if (slug.Length == 0 || slug.Length > SlugMaxLength || !SlugPattern().IsMatch(slug))
            errors.Add("slug", "Use lower-case letters and digits separated by single dashes (at most 80).");
        if (write.Currency is not null && !CurrencyPattern().IsMatch(write.Currency.Trim()))
            errors.Add("currency", "Use a three-letter ISO 4217 code such as USD.");
    }

    private static void ValidateOptions(ProductType type, long basePrice, ProductOptions options, Errors errors)
    {
        foreach (var (key, messages) in ProductOptionsValidator.Validate(type, basePrice, options))
            foreach (var message in messages)
                errors.Add(key, message);
    }

    /// <summary>Turns the body into the option sets of the product's delivery model, reporting missing values by path.</summary>
    private static ProductOptions ReadOptions(DeliveryModel model, ProductWrite w, IReadOnlyDictionary<string, ReleaseFile> knownFiles, Errors errors)
    {
        long Amount(long? value, string path)
        {
            if (value is null) errors.Add(path, "Required.");
            return value ?? 0;
        }
        int Number(int? value, string path)
        {
            if (value is null) errors.Add(path, "Required.");
            return value ?? 0;
        }
        List<T>? Rows<TIn, T>(IReadOnlyList<TIn?>? rows, string name, Func<TIn, string, T> read) where TIn : class
        {
            if (rows is null) return null;
            var list = new List<T>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i] is { } row) list.Add(read(row, $"{name}[{i}]"));
                else errors.Add($"{name}[{i}]", "Must be an object.");
            }
            return list;
        }
        static List<string> Texts(IEnumerable<string?>? values) =>
            (values ?? []).Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();

        var options = model switch
        {
            DeliveryModel.Saas => new ProductOptions
            {
                PricingPlans = Rows(w.PricingPlans, "pricing_plans", (p, path) => new PricingPlan(p.Id?.Trim() ?? "", p.Name?.Trim() ?? "",
                    Amount(p.MonthlyPrice, $"{path}.monthly_price"), Texts(p.Features), p.Limits ?? new Dictionary<string, int>())),
                AvailableFeatures = Rows(w.AvailableFeatures, "available_features", (f, path) => new AddOnFeature(f.Id?.Trim() ?? "", f.Name?.Trim() ?? "",
                    Amount(f.MonthlyPrice, $"{path}.monthly_price"), string.IsNullOrWhiteSpace(f.Description) ? null : f.Description.Trim())),
                BillingCycles = Rows(w.BillingCycles, "billing_cycles", (c, path) =>
                {
                    var id = c.Id?.Trim() ?? "";
                    var months = c.Months ?? (OptionDefaults.CycleMonths.TryGetValue(id, out var m) ? m : 0);
                    return new BillingCycleOption(id, months, c.DiscountPercent ?? 0);
                }),
            },
            DeliveryModel.SelfHosted => new ProductOptions
            {
                LicenseTypes = Rows(w.LicenseTypes, "license_types", (l, path) => new LicenseTypeOption(l.Id?.Trim() ?? "", l.Name?.Trim() ?? "",
                    Amount(l.Price, $"{path}.price"), l.Description?.Trim() ?? "", Number(l.MaxActivations, $"{path}.max_activations"))),
                SupportPlans = Rows(w.SupportPlans, "support_plans", (s, path) => new SupportPlanOption(s.Id?.Trim() ?? "", s.Name?.Trim() ?? "",
                    Amount(s.PricePerYear, $"{path}.price_per_year"), string.IsNullOrWhiteSpace(s.Description) ? null : s.Description.Trim())),
                UpdateOptions = Rows(w.UpdateOptions, "update_options", (u, path) => new UpdateOption(u.Id?.Trim() ?? "", u.Name?.Trim() ?? "",
                    Amount(u.Surcharge, $"{path}.surcharge"))),
                Releases = Rows(w.Releases, "releases", (r, path) =>
                {
                    var version = r.Version?.Trim() ?? "";
                    if (version.Length == 0 || version.Length > 40 || !VersionPattern().IsMatch(version))
                        errors.Add($"{path}.version", "Required: a version such as 2.4.1.");
                    if (r.ReleasedOn is null) errors.Add($"{path}.released_on", "Required (yyyy-mm-dd).");
                    var kept = new List<ReleaseFile>();
                    var refs = r.Files ?? [];
                    for (var i = 0; i < refs.Count; i++)
                    {
                        if (refs[i]?.StoragePath is { } storage && knownFiles.TryGetValue(storage, out var file)) kept.Add(file);
                        else errors.Add($"{path}.files[{i}]", "Not a file of this product; add files by uploading them.");
                    }
                    return new Release(version, r.Notes?.Trim() ?? "", r.ReleasedOn ?? default, kept);
                }),
            },
            DeliveryModel.Service => new ProductOptions
            {
                ServicePackages = Rows(w.ServicePackages, "service_packages", (p, path) => new ServicePackage(p.Id?.Trim() ?? "", p.Name?.Trim() ?? "",
                    Amount(p.Price, $"{path}.price"), p.Description?.Trim() ?? "", Number(p.DurationDays, $"{path}.duration_days"), Texts(p.Deliverables))),
                Timelines = Rows(w.Timelines, "timelines", (t, path) => new TimelineOption(t.Id?.Trim() ?? "", t.Name?.Trim() ?? "",
                    Number(t.PriceFactorPercent, $"{path}.price_factor_percent"), Number(t.DurationFactorPercent, $"{path}.duration_factor_percent"))),
                RequiredSkills = w.RequiredSkills is null ? null : w.RequiredSkills.Select(s => s?.Trim() ?? "").ToList(),
            },
            _ => new ProductOptions(),
        };
        ForbidForeignSets(model, w, errors);
        return options;
    }

    /// <summary>Option sets sent for another delivery model would be silently dropped; say so instead.</summary>
    private static void ForbidForeignSets(DeliveryModel model, ProductWrite w, Errors errors)
    {
        void Forbid(bool present, string name, DeliveryModel owner)
        {
            if (present && model != owner) errors.Add(name, $"Does not apply to {DeliveryModels.Name(model)} products.");
        }
        Forbid(w.PricingPlans is { Count: > 0 }, "pricing_plans", DeliveryModel.Saas);
        Forbid(w.AvailableFeatures is { Count: > 0 }, "available_features", DeliveryModel.Saas);
        Forbid(w.BillingCycles is { Count: > 0 }, "billing_cycles", DeliveryModel.Saas);
        Forbid(w.LicenseTypes is { Count: > 0 }, "license_types", DeliveryModel.SelfHosted);
        Forbid(w.SupportPlans is { Count: > 0 }, "support_plans", DeliveryModel.SelfHosted);
        Forbid(w.UpdateOptions is { Count: > 0 }, "update_options", DeliveryModel.SelfHosted);
        Forbid(w.Releases is { Count: > 0 }, "releases", DeliveryModel.SelfHosted);
        Forbid(w.ServicePackages is { Count: > 0 }, "service_packages", DeliveryModel.Service);
        Forbid(w.Timelines is { Count: > 0 }, "timelines", DeliveryModel.Service);
        Forbid(w.RequiredSkills is { Count: > 0 }, "required_skills", DeliveryModel.Service);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlugChars();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.+-]*$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex FileNamePattern();

    /// <summary>Per-field messages, each once, in the order found.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public int Count => _errors.Count;

        public void Add(string key, string message)
        {
            if (!_errors.TryGetValue(key, out var list)) _errors[key] = list = [];
            if (!list.Contains(message)) list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
