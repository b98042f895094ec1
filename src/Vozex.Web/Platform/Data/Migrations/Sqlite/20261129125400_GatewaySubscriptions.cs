using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GatewaySubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payments_gateway_subscriptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    gateway = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    gateway_subscription_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_gateway_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_paypal_plans",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    pay_pal_product_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    pay_pal_plan_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_paypal_plans", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_gateway_subscriptions_gateway_gateway_subscription_id",
                table: "payments_gateway_subscriptions",
                columns: new[] { "gateway", "gateway_subscription_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_gateway_subscriptions_order_id",
                table: "payments_gateway_subscriptions",
                column: "order_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payments_gateway_subscriptions");

            migrationBuilder.DropTable(
                name: "payments_paypal_plans");
        }
    }
}
