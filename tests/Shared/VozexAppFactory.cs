using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Vozex.Testing;

/// <summary>
/// The real app (Program.cs, the whole pipeline) on its own data directory and database. Settings are
/// applied with UseSetting so Program.cs sees them while it builds, exactly as environment variables would be.
/// </summary>
public sealed class VozexAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly List<Action<IServiceCollection>> _services = [];

    public string DataDirectory { get; }

    /// <summary>The settings the app was started with (a second node on the same database reuses them).</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>The bootstrap administrator of every test app (a known password, so tests can act as an admin and nothing is printed).</summary>
    public const string AdminEmail = "admin@vozex.local";
    public const string AdminPassword = "vozex-test-admin-1";

    /// <summary>Tests sign in many times from one address; the test that proves the limit sets its own.</summary>
    private static readonly Dictionary<string, string?> TestDefaults = new()
    {
        ["Vozex:Accounts:LoginRateLimitPerMinute"] = "100000",
        ["Vozex:Bootstrap:AdminPassword"] = AdminPassword,
        // Spare tenant databases are cloned in the background; tests that are about them turn them on, the rest would only
        // carry the extra clones.
        ["Vozex:Tenancy:SpareDatabases"] = "0",
    };

    private VozexAppFactory(Dictionary<string, string?> settings, string environment, string dataDirectory)
    {
        _settings = settings;
        _environment = environment;
        DataDirectory = dataDirectory;
    }

    /// <summary>A fresh SQLite database file and data directory, with the demo catalog seeded.</summary>
    public static VozexAppFactory Sqlite(IDictionary<string, string?>? overrides = null, string environment = "Development")
    {
        var dir = Directory.CreateTempSubdirectory("vozex-test-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Vozex:DataDirectory"] = dir,
            ["Vozex:Database:Provider"] = "sqlite",
            ["Vozex:Seed:Demo"] = "true",
        };
        foreach (var (k, v) in TestDefaults) settings[k] = v;
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        return new VozexAppFactory(settings, environment, dir);
    }

    /// <summary>The app on a PostgreSQL database (already created), with the demo catalog seeded.</summary>
    public static VozexAppFactory Postgres(string connectionString, IDictionary<string, string?>? overrides = null, string environment = "Development")
    {
        var dir = Directory.CreateTempSubdirectory("vozex-test-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Vozex:DataDirectory"] = dir,
            ["Vozex:Database:Provider"] = "postgres",
            ["ConnectionStrings:Marketplace"] = connectionString,
            ["Vozex:Seed:Demo"] = "true",
            // Apps share the test cluster: their own prefix keeps their tenant and template databases apart.
            ["Vozex:Tenancy:DatabasePrefix"] = $"v{Guid.NewGuid():N}"[..12],
        };
        foreach (var (k, v) in TestDefaults) settings[k] = v;
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        return new VozexAppFactory(settings, environment, dir);
    }

    /// <summary>Replaces services after the app registered its own (call before the server starts).</summary>
    public VozexAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _services) configure(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // Each app has its own PostgreSQL database, so its idle pooled connections would otherwise stay open for
        // minutes after the app is gone and a long run would exhaust the cluster's max_connections.
        if (_settings.TryGetValue("ConnectionStrings:Marketplace", out var connectionString) && connectionString is not null
            && string.Equals(_settings.GetValueOrDefault("Vozex:Database:Provider"), "postgres", StringComparison.OrdinalIgnoreCase))
        {
            using var connection = new Npgsql.NpgsqlConnection(connectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* a file still held open is left for the OS temp cleaner */ }
    }
}
