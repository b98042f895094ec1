using Vozex.IntegrationTests.Catalog;
using Vozex.Testing;

namespace Vozex.IntegrationTests.Checkout;

public sealed class SqliteCartApiTests(SqliteApp app) : CartApiTests, IClassFixture<SqliteApp>
{
    protected override VozexAppFactory App => app.Factory;
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCartApiTests(PostgresCluster cluster) : CartApiTests, IAsyncLifetime
{
    private readonly PostgresAppTestsHost _host = new(cluster);

    protected override VozexAppFactory App => _host.Factory;

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();
}
