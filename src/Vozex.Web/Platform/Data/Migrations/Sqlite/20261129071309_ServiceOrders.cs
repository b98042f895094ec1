using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_order_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    service_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    author_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    author_role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    author_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    attachments = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_order_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fulfillment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    order_item_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    product_slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    product_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    package_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    package_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    timeline = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    requirements = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    required_skills = table.Column<string>(type: "TEXT", nullable: false),
                    estimated_completion = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    provider_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    declined_by = table.Column<string>(type: "TEXT", nullable: false),
                    revisions = table.Column<int>(type: "INTEGER", nullable: false),
                    rating = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    assigned_at = table.Column<long>(type: "INTEGER", nullable: true),
                    accepted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    cancelled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_providers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    skills = table.Column<string>(type: "TEXT", nullable: false),
                    available = table.Column<bool>(type: "INTEGER", nullable: false),
                    capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    open_orders = table.Column<int>(type: "INTEGER", nullable: false),
                    rating_sum = table.Column<int>(type: "INTEGER", nullable: false),
                    rating_count = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_providers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_service_order_messages_service_order_id_id",
                table: "service_order_messages",
                columns: new[] { "service_order_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_orders_customer_id_created_at",
                table: "service_orders",
                columns: new[] { "customer_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_service_orders_fulfillment_id",
                table: "service_orders",
                column: "fulfillment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_orders_order_item_id",
                table: "service_orders",
                column: "order_item_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_orders_provider_id_status",
                table: "service_orders",
                columns: new[] { "provider_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_service_orders_status_created_at",
                table: "service_orders",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_service_providers_available_open_orders",
                table: "service_providers",
                columns: new[] { "available", "open_orders" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_order_messages");

            migrationBuilder.DropTable(
                name: "service_orders");

            migrationBuilder.DropTable(
                name: "service_providers");
        }
    }
}
