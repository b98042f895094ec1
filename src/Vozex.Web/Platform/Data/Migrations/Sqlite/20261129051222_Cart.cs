using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Cart : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "checkout_carts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    token_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_checkout = table.Column<string>(type: "TEXT", nullable: true),
                    version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkout_carts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "checkout_cart_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    cart_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    configuration = table.Column<string>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkout_cart_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_checkout_cart_items_checkout_carts_cart_id",
                        column: x => x.cart_id,
                        principalTable: "checkout_carts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_checkout_cart_items_cart_id_position",
                table: "checkout_cart_items",
                columns: new[] { "cart_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_checkout_carts_customer_id",
                table: "checkout_carts",
                column: "customer_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_checkout_carts_token_hash",
                table: "checkout_carts",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_checkout_carts_updated_at",
                table: "checkout_carts",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checkout_cart_items");

            migrationBuilder.DropTable(
                name: "checkout_carts");
        }
    }
}
