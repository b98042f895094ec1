using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Modules.Tenancy.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TenantUserLastSignIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "last_sign_in_at",
                table: "users",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_sign_in_at",
                table: "users");
        }
    }
}
