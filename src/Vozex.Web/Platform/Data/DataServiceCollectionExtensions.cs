using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;

namespace Vozex.Web.Platform.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the marketplace database for the configured provider. Modules depend on
    /// <see cref="MarketplaceDbContext"/> only; the provider subclass exists for its migrations.
    /// </summary>
    public static IHostApplicationBuilder AddMarketplaceDatabase(this IHostApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("Marketplace");

        if (database.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new OptionsValidationException("ConnectionStrings:Marketplace", typeof(DatabaseOptions),
                    ["ConnectionStrings:Marketplace is required when Vozex:Database:Provider is postgres."]);
            builder.Services.AddDbContextPool<PostgresMarketplaceDbContext>(o => ConfigurePostgres(o, connectionString));
            builder.Services.AddScoped<MarketplaceDbContext>(sp => sp.GetRequiredService<PostgresMarketplaceDbContext>());
        }
        else
        {
            var dataDirectory = DataDirectory.Resolve(builder.Configuration, builder.Environment);
            connectionString = string.IsNullOrWhiteSpace(connectionString)
                ? $"Data Source={Path.Combine(dataDirectory, "vozex.db")}"
                : connectionString;
            builder.Services.AddDbContextPool<SqliteMarketplaceDbContext>(o => ConfigureSqlite(o, connectionString));
            builder.Services.AddScoped<MarketplaceDbContext>(sp => sp.GetRequiredService<SqliteMarketplaceDbContext>());
        }

        builder.Services.AddScoped<DatabaseInitializer>();
        return builder;
    }

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).UseSnakeCaseNamingConvention();

    internal static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();
}

/// <summary>Lets <c>dotnet ef</c> build each provider's model without starting the app or touching a database.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMarketplaceDbContext>
{
    public SqliteMarketplaceDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteMarketplaceDbContext>)DataServiceCollectionExtensions
            .ConfigureSqlite(new DbContextOptionsBuilder<SqliteMarketplaceDbContext>(), "Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMarketplaceDbContext>
{
    public PostgresMarketplaceDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresMarketplaceDbContext>)DataServiceCollectionExtensions
            .ConfigurePostgres(new DbContextOptionsBuilder<PostgresMarketplaceDbContext>(), "Host=localhost;Database=vozex_design").Options);
}
