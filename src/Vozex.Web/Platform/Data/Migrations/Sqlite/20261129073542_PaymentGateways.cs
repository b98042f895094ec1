using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaymentGateways : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "reconciled_at",
                table: "payments_webhook_inbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "refund_reserved",
                table: "payments_payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "refunded_amount",
                table: "checkout_orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "refunded_at",
                table: "checkout_order_items",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "payments_disputes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    gateway = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    gateway_dispute_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    gateway_payment_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    amount = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_disputes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_dodo_products",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    dodo_product_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_dodo_products", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "payments_paypal_orders",
                columns: table => new
                {
                    pay_pal_order_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    return_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_paypal_orders", x => x.pay_pal_order_id);
                });

            migrationBuilder.CreateTable(
                name: "payments_reconciliation_checks",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    checks = table.Column<int>(type: "INTEGER", nullable: false),
                    last_checked_at = table.Column<long>(type: "INTEGER", nullable: false),
                    next_check_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_outcome = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_reconciliation_checks", x => x.order_id);
                });

            migrationBuilder.CreateTable(
                name: "payments_refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    gateway = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    gateway_payment_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    gateway_refund_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 3000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    submissions = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_refunds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_refund_items",
                columns: table => new
                {
                    order_item_id = table.Column<long>(type: "INTEGER", nullable: false),
                    refund_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    product_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    billing_cycle = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_refund_items", x => x.order_item_id);
                    table.ForeignKey(
                        name: "fk_payments_refund_items_payments_refunds_refund_id",
                        column: x => x.refund_id,
                        principalTable: "payments_refunds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_webhook_inbox_gateway_received_at",
                table: "payments_webhook_inbox",
                columns: new[] { "gateway", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_disputes_gateway_gateway_dispute_id",
                table: "payments_disputes",
                columns: new[] { "gateway", "gateway_dispute_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_disputes_order_id",
                table: "payments_disputes",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_paypal_orders_order_id",
                table: "payments_paypal_orders",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_reconciliation_checks_next_check_at",
                table: "payments_reconciliation_checks",
                column: "next_check_at");

            migrationBuilder.CreateIndex(
                name: "ix_payments_refund_items_refund_id",
                table: "payments_refund_items",
                column: "refund_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_refunds_gateway_gateway_refund_id",
                table: "payments_refunds",
                columns: new[] { "gateway", "gateway_refund_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_refunds_order_id",
                table: "payments_refunds",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_refunds_status_created_at",
                table: "payments_refunds",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payments_disputes");

            migrationBuilder.DropTable(
                name: "payments_dodo_products");

            migrationBuilder.DropTable(
                name: "payments_paypal_orders");

            migrationBuilder.DropTable(
                name: "payments_reconciliation_checks");

            migrationBuilder.DropTable(
                name: "payments_refund_items");

            migrationBuilder.DropTable(
                name: "payments_refunds");

            migrationBuilder.DropIndex(
                name: "ix_payments_webhook_inbox_gateway_received_at",
                table: "payments_webhook_inbox");

            migrationBuilder.DropColumn(
                name: "reconciled_at",
                table: "payments_webhook_inbox");

            migrationBuilder.DropColumn(
                name: "refund_reserved",
                table: "payments_payments");

            migrationBuilder.DropColumn(
                name: "refunded_amount",
                table: "checkout_orders");

            migrationBuilder.DropColumn(
                name: "refunded_at",
                table: "checkout_order_items");
        }
    }
}
