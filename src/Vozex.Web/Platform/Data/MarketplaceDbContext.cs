using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Vozex.Web.Platform.Data;

/// <summary>
/// The one marketplace database. Modules contribute <see cref="IEntityTypeConfiguration{TEntity}"/>
/// classes and own their tables by prefix; a subclass per provider carries its own migration set.
/// </summary>
public abstract class MarketplaceDbContext(DbContextOptions options) : DbContext(options)
{
    public abstract DatabaseEngine Engine { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MarketplaceDbContext).Assembly, IsMarketplaceConfiguration);
        foreach (var extension in ProviderModelExtensions.Value)
            extension.Configure(modelBuilder, Engine);
    }

    private static bool IsMarketplaceConfiguration(Type type) =>
        !typeof(ITenantDatabaseConfiguration).IsAssignableFrom(type);

    private static readonly Lazy<IReadOnlyList<IProviderModelExtension>> ProviderModelExtensions = new(() =>
        typeof(MarketplaceDbContext).Assembly.GetTypes()
            .Where(t => typeof(IProviderModelExtension).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IProviderModelExtension)Activator.CreateInstance(t)!)
            .ToList());
}

public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

/// <summary>Model parts only one provider can express (a PostgreSQL tsvector column, say).</summary>
public interface IProviderModelExtension
{
    void Configure(ModelBuilder modelBuilder, DatabaseEngine engine);
}

/// <summary>Marks configurations of per-tenant databases so they stay out of the marketplace model.</summary>
public interface ITenantDatabaseConfiguration;

public sealed class SqliteMarketplaceDbContext(DbContextOptions<SqliteMarketplaceDbContext> options) : MarketplaceDbContext(options)
{
    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no offset-aware time type and cannot ORDER BY text offsets; a sortable integer keeps queries in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresMarketplaceDbContext(DbContextOptions<PostgresMarketplaceDbContext> options) : MarketplaceDbContext(options)
{
    public override DatabaseEngine Engine => DatabaseEngine.Postgres;
}
