using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LicensingSharedChurn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "churn_count",
                table: "licensing_licenses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "churn_window_started_at",
                table: "licensing_licenses",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "churn_count",
                table: "licensing_licenses");

            migrationBuilder.DropColumn(
                name: "churn_window_started_at",
                table: "licensing_licenses");
        }
    }
}
