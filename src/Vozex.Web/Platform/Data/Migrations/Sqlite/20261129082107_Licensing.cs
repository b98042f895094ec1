using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Licensing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "licensing_licenses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fulfillment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    order_item_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    product_id = table.Column<long>(type: "INTEGER", nullable: false),
                    product_slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    product_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    license_type = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    license_type_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    support_plan = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    support_until = table.Column<long>(type: "INTEGER", nullable: false),
                    updates = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    updates_until = table.Column<long>(type: "INTEGER", nullable: true),
                    features = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    max_activations = table.Column<int>(type: "INTEGER", nullable: false),
                    activation_count = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    key_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    key_protected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    key_hint = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    status_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licensing_licenses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "licensing_signing_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    key_id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    public_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    private_key_protected = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licensing_signing_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "licensing_activations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    license_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    activated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licensing_activations", x => x.id);
                    table.ForeignKey(
                        name: "fk_licensing_activations_license_license_id",
                        column: x => x.license_id,
                        principalTable: "licensing_licenses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "licensing_download_links",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    license_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    release_version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    storage_path = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    max_downloads = table.Column<int>(type: "INTEGER", nullable: false),
                    downloads = table.Column<int>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licensing_download_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_licensing_download_links_license_license_id",
                        column: x => x.license_id,
                        principalTable: "licensing_licenses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_licensing_activations_license_id_fingerprint",
                table: "licensing_activations",
                columns: new[] { "license_id", "fingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_licensing_download_links_license_id_created_at",
                table: "licensing_download_links",
                columns: new[] { "license_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_licensing_download_links_token_hash",
                table: "licensing_download_links",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_licensing_licenses_customer_id_issued_at",
                table: "licensing_licenses",
                columns: new[] { "customer_id", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_licensing_licenses_fulfillment_id",
                table: "licensing_licenses",
                column: "fulfillment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_licensing_licenses_key_hash",
                table: "licensing_licenses",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_licensing_licenses_order_id",
                table: "licensing_licenses",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_licensing_licenses_order_item_id",
                table: "licensing_licenses",
                column: "order_item_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "licensing_activations");

            migrationBuilder.DropTable(
                name: "licensing_download_links");

            migrationBuilder.DropTable(
                name: "licensing_signing_keys");

            migrationBuilder.DropTable(
                name: "licensing_licenses");
        }
    }
}
