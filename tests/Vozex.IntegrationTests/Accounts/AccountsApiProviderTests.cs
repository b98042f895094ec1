using Vozex.IntegrationTests.Catalog;
using Vozex.Testing;

namespace Vozex.IntegrationTests.Accounts;

public sealed class SqliteAccountsApiTests(SqliteApp app) : AccountsApiTests, IClassFixture<SqliteApp>
{
    protected override VozexAppFactory App => app.Factory;

    protected override Task<VozexAppFactory> NewAppAsync(IDictionary<string, string?>? settings = null) =>
        Task.FromResult(VozexAppFactory.Sqlite(settings));

    protected override VozexAppFactory SecondNode(VozexAppFactory first) =>
        VozexAppFactory.Sqlite(new Dictionary<string, string?>(first.Settings));
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAccountsApiTests(PostgresCluster cluster) : AccountsApiTests, IAsyncLifetime
{
    private readonly PostgresAppTestsHost _host = new(cluster);

    protected override VozexAppFactory App => _host.Factory;

    protected override async Task<VozexAppFactory> NewAppAsync(IDictionary<string, string?>? settings = null)
    {
        var database = await cluster.NewMigratedDatabaseAsync();
        return VozexAppFactory.Postgres(cluster.ConnectionString(database), settings);
    }

    protected override VozexAppFactory SecondNode(VozexAppFactory first) =>
        VozexAppFactory.Postgres(first.Settings["ConnectionStrings:Marketplace"]!, new Dictionary<string, string?>(first.Settings));

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();
}
