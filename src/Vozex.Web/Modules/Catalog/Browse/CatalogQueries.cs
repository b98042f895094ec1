using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Catalog.Data;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Catalog.Search;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;

namespace Vozex.Web.Modules.Catalog.Browse;

/// <summary>The catalog's read side, shared by the JSON API and the storefront pages. Only active products are visible.</summary>
internal sealed class CatalogQueries(MarketplaceDbContext db)
{
    public const int MaxCompared = 4;

    public static IReadOnlyList<ProductTypeView> ProductTypes { get; } = ProductTypeRegistry.All
        .Select(t => new ProductTypeView(t.Id, t.Name, t.Icon, t.Description, t.DeliveryModelName, t.CategoryId, t.Features))
        .ToList();

    public static IReadOnlyList<CategoryView> Categories { get; } = ProductTypeRegistry.Categories
        .Select(c => new CategoryView(c.Id, c.Name, c.Icon, c.Description, DeliveryModels.Name(c.Model),
            ProductTypeRegistry.InCategory(c.Id).Select(t => t.Id).ToList()))
        .ToList();

    private IQueryable<Product> Active => db.Products().AsNoTracking().Where(p => p.Status == ProductStatus.Active);

    public async Task<Paged<ProductSummary>> ListAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var products = Active;
        if (query.Category is not null) products = products.Where(p => p.Category == query.Category);
        if (query.Type is not null) products = products.Where(p => p.ProductType == query.Type);
        if (query.MinPrice is { } min) products = products.Where(p => p.FromPrice >= min);
        if (query.MaxPrice is { } max) products = products.Where(p => p.FromPrice <= max);

        var terms = SearchTerms.Parse(query.Text);
        var ranked = ProductSearch.Match(db, products, terms);

        var total = await ranked.CountAsync(cancellationToken);
        var ordered = query.Sort switch
        {
            ProductSort.Relevance when terms.Count > 0 => ranked.OrderByDescending(r => r.Rank).ThenByDescending(r => r.Product.Popularity),
            ProductSort.Relevance => ranked.OrderByDescending(r => r.Product.Featured).ThenByDescending(r => r.Product.Popularity),
            ProductSort.Price => ranked.OrderBy(r => r.Product.FromPrice),
            ProductSort.PriceDesc => ranked.OrderByDescending(r => r.Product.FromPrice),
            ProductSort.Newest => ranked.OrderByDescending(r => r.Product.CreatedAt),
            ProductSort.Popularity => ranked.OrderByDescending(r => r.Product.Popularity),
        };

        var rows = await ordered.ThenBy(r => r.Product.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(r => new SummaryRow(r.Product.Id, r.Product.Slug, r.Product.Name, r.Product.Description, r.Product.ProductType,
                r.Product.Currency, r.Product.BasePrice, r.Product.FromPrice, r.Product.Featured))
            .ToListAsync(cancellationToken);

        return new Paged<ProductSummary>(rows.Select(ToSummary).ToList(), query.Page, query.PageSize, total);
    }

    public async Task<IReadOnlyList<ProductSummary>> FeaturedAsync(int count, CancellationToken cancellationToken)
    {
        var page = await ListAsync(new ProductQuery(PageSize: count), cancellationToken);
        return page.Items;
    }

    public async Task<ProductDetails?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        var product = await Active.FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        return product is null ? null : ToDetails(product);
    }

    /// <summary>Null when a slug is unknown (the caller answers 404), otherwise the products in the order asked.</summary>
    public async Task<(ComparisonView? View, string? MissingSlug)> CompareAsync(IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        var products = await Active.Where(p => slugs.Contains(p.Slug)).ToListAsync(cancellationToken);
        var bySlug = products.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        var missing = slugs.FirstOrDefault(s => !bySlug.ContainsKey(s));
        if (missing is not null) return (null, missing);
        var ordered = slugs.Select(s => bySlug[s]).ToList();

        var featureSets = ordered.Select(ComparedFeatures).ToList();
        var rows = featureSets.SelectMany(f => f).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => new ComparedFeature(name, featureSets.Select(set => set.Contains(name)).ToList()))
            .ToList();
        var items = ordered.Select(p => new ComparedProduct(p.Slug, p.Name, p.ProductType, p.Type.Name, p.Type.Icon, p.DeliveryModel,
            p.FromPriceMoney, FromPrice.BillingCycle(p.Type.Model), PriceOptions(p))).ToList();
        return (new ComparisonView(items, rows), null);
    }

    private static HashSet<string> ComparedFeatures(Product p)
    {
        var o = p.Options;
        IEnumerable<string> features = p.Type.Features;
        features = features.Concat(o.PricingPlans?.SelectMany(plan => plan.Features) ?? [])
            .Concat(o.AvailableFeatures?.Select(f => f.Name) ?? [])
            .Concat(o.ServicePackages?.SelectMany(s => s.Deliverables ?? []) ?? [])
            .Concat(o.LicenseTypes?.Select(l => l.Name + " license") ?? []);
        return features.ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static IReadOnlyList<PriceOption> PriceOptions(Product p)
    {
        var o = p.Options;
        Money M(long amount) => new(amount, p.Currency);
        return p.Type.Model switch
        {
            DeliveryModel.Saas => (o.PricingPlans ?? []).Select(x => new PriceOption(x.Id, x.Name, M(p.BasePrice + x.MonthlyPrice), "month")).ToList(),
            DeliveryModel.SelfHosted => (o.LicenseTypes ?? []).Select(x => new PriceOption(x.Id, x.Name, M(p.BasePrice + x.Price), "one_time")).ToList(),
            DeliveryModel.Service => (o.ServicePackages ?? []).Select(x => new PriceOption(x.Id, x.Name, M(p.BasePrice + x.Price), "one_time")).ToList(),
        };
    }

    private sealed record SummaryRow(long Id, string Slug, string Name, string Description, string ProductType, string Currency, long BasePrice, long FromPrice, bool Featured);

    private static ProductSummary ToSummary(SummaryRow r)
    {
        var type = ProductTypeRegistry.Find(r.ProductType)!;
        return new ProductSummary(r.Id, r.Slug, r.Name, r.Description, type.Id, type.Name, type.Icon, type.DeliveryModelName, type.CategoryId,
            new Money(r.BasePrice, r.Currency), new Money(r.FromPrice, r.Currency), FromPrice.BillingCycle(type.Model), r.Featured);
    }

    internal static ProductDetails ToDetails(Product p)
    {
        var type = p.Type;
        var o = p.Options;
        Money M(long amount) => new(amount, p.Currency);
        return new ProductDetails(p.Id, p.Slug, p.Name, p.Description, type.Id, type.Name, type.Icon, type.DeliveryModelName, type.CategoryId,
            p.Status.WireName(), p.Currency, p.BasePriceMoney, p.FromPriceMoney,
            FromPrice.BillingCycle(type.Model), type.Features, p.CreatedAt, p.UpdatedAt)
        {
            PricingPlans = o.PricingPlans?.Select(x => new PlanView(x.Id, x.Name, M(x.MonthlyPrice), x.Features, x.Limits)).ToList(),
            AvailableFeatures = o.AvailableFeatures?.Select(x => new AddOnView(x.Id, x.Name, M(x.MonthlyPrice), x.Description)).ToList(),
            BillingCycles = o.BillingCycles?.Select(x => new BillingCycleView(x.Id, x.Months, x.DiscountPercent)).ToList(),
            LicenseTypes = o.LicenseTypes?.Select(x => new LicenseTypeView(x.Id, x.Name, M(x.Price), x.Description, x.MaxActivations)).ToList(),
            SupportPlans = o.SupportPlans?.Select(x => new SupportPlanView(x.Id, x.Name, M(x.PricePerYear), x.Description)).ToList(),
            UpdateOptions = o.UpdateOptions?.Select(x => new UpdateOptionView(x.Id, x.Name, M(x.Surcharge))).ToList(),
            Releases = o.Releases?.OrderByDescending(r => r.ReleasedOn)
                .Select(r => new ReleaseView(r.Version, r.Notes, r.ReleasedOn, r.Files.Select(f => new ReleaseFileView(f.FileName, f.Size, f.Sha256)).ToList()))
                .ToList(),
            ServicePackages = o.ServicePackages?.Select(x => new ServicePackageView(x.Id, x.Name, M(x.Price), x.Description, x.DurationDays, x.Deliverables ?? [])).ToList(),
            Timelines = o.Timelines?.Select(x => new TimelineView(x.Id, x.Name, x.PriceFactorPercent, x.DurationFactorPercent)).ToList(),
            RequiredSkills = o.RequiredSkills,
        };
    }
}
