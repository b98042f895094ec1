using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vozex.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuthenticatorStep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "last_authenticator_step",
                table: "accounts_users",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_authenticator_step",
                table: "accounts_users");
        }
    }
}
