using Vozex.Testing;

namespace Vozex.IntegrationTests;

/// <summary>One seeded app per test class on SQLite; read-only tests share it.</summary>
public sealed class SqliteApp : IAsyncLifetime
{
    public VozexAppFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = VozexAppFactory.Sqlite();
        _ = Factory.Server; // start now: migrations and the seed run before the first test
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>One seeded app per test class on its own PostgreSQL database cloned from the migrated template.</summary>
public abstract class PostgresAppTests(PostgresCluster cluster) : IAsyncLifetime
{
    protected PostgresCluster Cluster { get; } = cluster;
    public VozexAppFactory Factory { get; private set; } = null!;
    public string Database { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        Database = await Cluster.NewMigratedDatabaseAsync();
        Factory = VozexAppFactory.Postgres(Cluster.ConnectionString(Database));
        _ = Factory.Server;
    }

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();
}

public static class PostgresClusterApps
{
    /// <summary>A fresh migrated database on the shared cluster and the app on it.</summary>
    public static async Task<VozexAppFactory> NewAppAsync(this PostgresCluster cluster, IDictionary<string, string?>? settings = null, string environment = "Development")
    {
        var database = await cluster.NewMigratedDatabaseAsync();
        return VozexAppFactory.Postgres(cluster.ConnectionString(database), settings, environment);
    }
}
