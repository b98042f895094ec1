using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Vozex.Testing;

/// <summary>
/// The real app (Program.cs, the whole pipeline) on its own data directory and database. Settings are
/// applied with UseSetting so Program.cs sees them while it builds, exactly as environment variables would be.
/// </summary>
public sealed class VozexAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;

    public string DataDirectory { get; }

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
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        return new VozexAppFactory(settings, environment, dir);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* a file still held open is left for the OS temp cleaner */ }
    }
}
