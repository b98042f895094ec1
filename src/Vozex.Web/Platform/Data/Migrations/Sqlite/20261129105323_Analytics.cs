using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Analytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    product_slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    product_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    gateway = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    amount = table.Column<long>(type: "INTEGER", nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_analytics_events_at",
                table: "analytics_events",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_events_kind_at",
                table: "analytics_events",
                columns: new[] { "kind", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_events");
        }
    }
}
