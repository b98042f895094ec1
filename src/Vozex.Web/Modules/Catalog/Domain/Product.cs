using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Catalog.Domain;

public enum ProductStatus
{
    Draft,
    Active,
    Archived,
}

public sealed class Product
{
    public long Id { get; private set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public string ProductType { get; private set; } = "";
    public string DeliveryModel { get; private set; } = "";
    public string Category { get; private set; } = "";
    public ProductStatus Status { get; set; } = ProductStatus.Draft;
    public string Currency { get; set; } = "USD";
    public long BasePrice { get; set; }

    /// <summary>The lowest price a customer can pay (see <see cref="FromPrice"/>); stored so lists filter and sort on an index.</summary>
    public long FromPrice { get; private set; }

    public ProductOptions Options { get; private set; } = new();

    /// <summary>Orders and views drive this; the seed gives demo products a plausible start.</summary>
    public int Popularity { get; set; }

    public bool Featured { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Counts administrators' saves; a concurrency token, so of two edits started from the same revision only the first
    /// is saved and the second is told to reload instead of silently overwriting it.
    /// </summary>
    public int Revision { get; set; }

    public ProductType Type => ProductTypeRegistry.Find(ProductType)
        ?? throw new InvalidOperationException($"Product {Slug} has an unknown type '{ProductType}'.");

    public Money BasePriceMoney => new(BasePrice, Currency);
    public Money FromPriceMoney => new(FromPrice, Currency);

    /// <summary>Sets the type and its options together, keeping the derived columns in step.</summary>
    public void Configure(ProductType type, ProductOptions options)
    {
        ProductType = type.Id;
        DeliveryModel = type.DeliveryModelName;
        Category = type.CategoryId;
        Options = options;
        FromPrice = Domain.FromPrice.Compute(type.Model, BasePrice, options);
    }
}
