using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Fulfillment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "fulfilled_at",
                table: "checkout_orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "fulfillment_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    order_item_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    driver = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    product_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    product_slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    payload_snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    lease_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    external_reference_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    external_workspace_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    paid_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fulfillment_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fulfillment_records_driver_status",
                table: "fulfillment_records",
                columns: new[] { "driver", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_fulfillment_records_order_id",
                table: "fulfillment_records",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_fulfillment_records_order_item_id",
                table: "fulfillment_records",
                column: "order_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fulfillment_records_status_next_attempt_at",
                table: "fulfillment_records",
                columns: new[] { "status", "next_attempt_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fulfillment_records");

            migrationBuilder.DropColumn(
                name: "fulfilled_at",
                table: "checkout_orders");
        }
    }
}
