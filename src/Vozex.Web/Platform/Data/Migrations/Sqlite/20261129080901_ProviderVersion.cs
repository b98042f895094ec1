using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProviderVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "version",
                table: "service_providers",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                table: "service_providers");
        }
    }
}
