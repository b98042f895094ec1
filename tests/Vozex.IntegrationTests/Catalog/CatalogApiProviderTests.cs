using Vozex.Testing;

namespace Vozex.IntegrationTests.Catalog;

public sealed class SqliteCatalogApiTests(SqliteApp app) : CatalogApiTests, IClassFixture<SqliteApp>
{
    protected override VozexAppFactory App => app.Factory;
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCatalogApiTests(PostgresCluster cluster) : CatalogApiTests, IAsyncLifetime
{
    private readonly PostgresAppTestsHost _host = new(cluster);

    protected override VozexAppFactory App => _host.Factory;

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();
}

/// <summary>Composition instead of inheritance, so provider test classes can share one abstract contract class.</summary>
public sealed class PostgresAppTestsHost(PostgresCluster cluster) : PostgresAppTests(cluster);
