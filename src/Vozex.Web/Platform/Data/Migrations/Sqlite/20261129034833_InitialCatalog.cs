using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalog_products",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    product_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    delivery_model = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    base_price = table.Column<long>(type: "INTEGER", nullable: false),
                    from_price = table.Column<long>(type: "INTEGER", nullable: false),
                    options = table.Column<string>(type: "TEXT", nullable: false),
                    popularity = table.Column<int>(type: "INTEGER", nullable: false),
                    featured = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_products", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_slug",
                table: "catalog_products",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_status_category_from_price",
                table: "catalog_products",
                columns: new[] { "status", "category", "from_price" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_status_created_at",
                table: "catalog_products",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_status_popularity",
                table: "catalog_products",
                columns: new[] { "status", "popularity" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_status_product_type_from_price",
                table: "catalog_products",
                columns: new[] { "status", "product_type", "from_price" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_products");
        }
    }
}
