using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    product_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    delivery_model = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    base_price = table.Column<long>(type: "bigint", nullable: false),
                    from_price = table.Column<long>(type: "bigint", nullable: false),
                    options = table.Column<string>(type: "jsonb", nullable: false),
                    popularity = table.Column<int>(type: "integer", nullable: false),
                    featured = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "to_tsvector('english', coalesce(name, '') || ' ' || coalesce(description, ''))", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_products", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_search_vector",
                table: "catalog_products",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

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
