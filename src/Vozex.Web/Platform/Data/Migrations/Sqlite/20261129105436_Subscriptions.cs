using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Subscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "subscriptions_renewals",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    subscription_id = table.Column<long>(type: "INTEGER", nullable: false),
                    renewed_period_end = table.Column<long>(type: "INTEGER", nullable: false),
                    new_period_start = table.Column<long>(type: "INTEGER", nullable: false),
                    new_period_end = table.Column<long>(type: "INTEGER", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    gateway_payment_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriptions_renewals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions_subscriptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_item_id = table.Column<long>(type: "INTEGER", nullable: false),
                    product_id = table.Column<long>(type: "INTEGER", nullable: false),
                    product_slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    product_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    gateway = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    gateway_subscription_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    plan = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    plan_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    features = table.Column<string>(type: "TEXT", nullable: false),
                    billing_cycle = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    cycle_months = table.Column<int>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    lines = table.Column<string>(type: "TEXT", nullable: false),
                    discount = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    current_period_start = table.Column<long>(type: "INTEGER", nullable: false),
                    current_period_end = table.Column<long>(type: "INTEGER", nullable: false),
                    cancel_at_period_end = table.Column<bool>(type: "INTEGER", nullable: false),
                    pending_change = table.Column<string>(type: "TEXT", nullable: true),
                    period_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period_paid_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    due_since = table.Column<long>(type: "INTEGER", nullable: true),
                    failed_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_retry_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_failure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    reminder_sent_for = table.Column<long>(type: "INTEGER", nullable: true),
                    cancelled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    cancel_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    delete_tenant_after = table.Column<long>(type: "INTEGER", nullable: true),
                    tenant_deleted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<Guid>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    lease_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriptions_subscriptions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_renewals_subscription_id_renewed_period_end",
                table: "subscriptions_renewals",
                columns: new[] { "subscription_id", "renewed_period_end" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_subscriptions_customer_id",
                table: "subscriptions_subscriptions",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_subscriptions_gateway_gateway_subscription_id",
                table: "subscriptions_subscriptions",
                columns: new[] { "gateway", "gateway_subscription_id" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_subscriptions_order_item_id",
                table: "subscriptions_subscriptions",
                column: "order_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_subscriptions_status_current_period_end",
                table: "subscriptions_subscriptions",
                columns: new[] { "status", "current_period_end" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_subscriptions_tenant_deleted_at_next_attempt_at",
                table: "subscriptions_subscriptions",
                columns: new[] { "tenant_deleted_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_subscriptions_tenant_id",
                table: "subscriptions_subscriptions",
                column: "tenant_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "subscriptions_renewals");

            migrationBuilder.DropTable(
                name: "subscriptions_subscriptions");
        }
    }
}
