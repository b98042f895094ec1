using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    gateway = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    gateway_subscription_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_gateway_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_paypal_plans",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    pay_pal_product_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    pay_pal_plan_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_paypal_plans", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_gateway_subscriptions_gateway_gateway_subscription",
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
