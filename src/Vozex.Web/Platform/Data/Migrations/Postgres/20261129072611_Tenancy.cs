using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Tenancy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tenancy_credentials",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    username = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    protected_password = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancy_credentials", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "tenancy_sso_tickets",
                columns: table => new
                {
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancy_sso_tickets", x => x.token_hash);
                });

            migrationBuilder.CreateTable(
                name: "tenancy_tenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    slug = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    fulfillment_id = table.Column<long>(type: "bigint", nullable: false),
                    order_item_id = table.Column<long>(type: "bigint", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    product_slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    product_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    product_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    plan = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    plan_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    features = table.Column<string>(type: "text", nullable: false),
                    limits = table.Column<string>(type: "text", nullable: false),
                    billing_cycle = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    custom_domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    database_server = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    database_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenancy_tenants", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_sso_tickets_expires_at",
                table: "tenancy_sso_tickets",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_tenants_customer_id",
                table: "tenancy_tenants",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_tenants_database_server",
                table: "tenancy_tenants",
                column: "database_server");

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_tenants_domain",
                table: "tenancy_tenants",
                column: "domain",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_tenants_order_item_id",
                table: "tenancy_tenants",
                column: "order_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenancy_tenants_slug",
                table: "tenancy_tenants",
                column: "slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tenancy_credentials");

            migrationBuilder.DropTable(
                name: "tenancy_sso_tickets");

            migrationBuilder.DropTable(
                name: "tenancy_tenants");
        }
    }
}
