using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Vozex.Testing;
using Vozex.Web.Platform.Data;

namespace Vozex.IntegrationTests.Platform;

public sealed class SqliteDatabaseTests
{
    private static SqliteMarketplaceDbContext NewContext(string path) =>
        new(new DbContextOptionsBuilder<SqliteMarketplaceDbContext>().UseSqlite($"Data Source={path};Pooling=false").UseSnakeCaseNamingConvention().Options);

    [Fact]
    public void Sqlite_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration: the SQLite model differs from its last migration.");
    }

    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_database()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vozex-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = NewContext(path);
            await db.Database.MigrateAsync();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM catalog_products").SingleAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDatabaseTests(PostgresCluster cluster)
{
    [Fact]
    public void Postgres_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration: the PostgreSQL model differs from its last migration.");
    }

    [Fact]
    public async Task Postgres_migrations_apply_to_an_empty_database_with_a_gin_search_index()
    {
        var name = $"empty_{Guid.NewGuid():N}";
        await cluster.CreateDatabaseAsync(name);
        await using var db = PostgresCluster.NewContext(cluster.ConnectionString(name, pooling: false));

        await db.Database.MigrateAsync();

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        var indexDefinition = await db.Database
            .SqlQuery<string>($"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'catalog_products' AND indexdef LIKE '%search_vector%'")
            .SingleAsync();
        Assert.Contains("USING gin", indexDefinition);
    }

    [Fact]
    public async Task Postgres_search_plan_uses_the_gin_index()
    {
        var name = await cluster.NewMigratedDatabaseAsync();
        await using var db = PostgresCluster.NewContext(cluster.ConnectionString(name, pooling: false));
        await db.Database.OpenConnectionAsync(); // keep the SET on the connection that runs EXPLAIN
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        var plan = string.Join('\n', await db.Database.SqlQueryRaw<string>(
            "EXPLAIN SELECT id FROM catalog_products WHERE search_vector @@ to_tsquery('english', 'kitchen:*')").ToListAsync());
        Assert.Contains("ix_catalog_products_search_vector", plan);
    }
}
