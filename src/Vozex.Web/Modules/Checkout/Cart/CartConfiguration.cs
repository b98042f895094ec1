using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Checkout.Cart;

internal sealed class CartConfiguration : IEntityTypeConfiguration<ShoppingCart>
{
    public void Configure(EntityTypeBuilder<ShoppingCart> builder)
    {
        builder.ToTable("checkout_carts");
        builder.HasKey(c => c.Id);
        // Ids are made by the domain (version 7 GUIDs), so EF must treat a new item found through a navigation as an insert.
        builder.Property(c => c.Id).ValueGeneratedNever();
        // NULLs are distinct in a unique index on both engines: one cart per customer, any number of visitor carts.
        builder.HasIndex(c => c.CustomerId).IsUnique();
        builder.Property(c => c.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(c => c.TokenHash).IsUnique();
        builder.Property(c => c.LastCheckout!).HasJsonConversion(); // null stays NULL: converters never see nulls
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsFull);
        // Abandoned visitor carts are swept by age.
        builder.HasIndex(c => c.UpdatedAt);
        builder.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CartId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CartItemConfiguration : IEntityTypeConfiguration<CartItem>
{
    public void Configure(EntityTypeBuilder<CartItem> builder)
    {
        builder.ToTable("checkout_cart_items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.ProductSlug).HasMaxLength(80);
        builder.Property(i => i.ProductName).HasMaxLength(200);
        builder.HasIndex(i => new { i.CartId, i.Position });
    }
}
