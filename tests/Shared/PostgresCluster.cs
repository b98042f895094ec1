using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vozex.Web.Platform.Data;
using Xunit;

namespace Vozex.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run: initdb into a temp directory, a free loopback port,
/// durability off. Each test class gets its own database cloned from a template migrated once.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string Template = "vozex_template";
    private readonly bool _asRoot = Environment.UserName == "root";
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private bool _templateReady;
    private string _bin = "";

    public string Dir { get; private set; } = "";
    public int Port { get; private set; }
    private string Data => Path.Combine(Dir, "data");

    public string ConnectionString(string database, bool pooling = true) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling={pooling}";

    public async Task InitializeAsync()
    {
        _bin = Environment.GetEnvironmentVariable("PG_BIN")
               ?? Directory.GetDirectories("/usr/lib/postgresql")
                   .OrderByDescending(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture))
                   .Select(d => Path.Combine(d, "bin")).First();
        Dir = Directory.CreateTempSubdirectory("pgtest-").FullName;
        if (_asRoot) await Run("chown", "postgres:postgres", Dir);
        Port = FreePort();
        await RunPg("initdb", "-D", Data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions");
        await RunPg("pg_ctl", "-D", Data, "-l", Path.Combine(Dir, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {Dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            "start");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Dir.Length == 0) return;
        try { await RunPg("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop"); }
        finally { Directory.Delete(Dir, recursive: true); }
    }

    /// <summary>A new database with every migration applied and nothing seeded.</summary>
    public async Task<string> NewMigratedDatabaseAsync()
    {
        await _templateLock.WaitAsync();
        try
        {
            if (!_templateReady)
            {
                await CreateDatabaseAsync(Template);
                // An idle pooled connection to the template would block CREATE DATABASE ... TEMPLATE.
                await using (var db = NewContext(ConnectionString(Template, pooling: false)))
                    await db.Database.MigrateAsync();
                _templateReady = true;
            }
            var name = $"t_{Guid.NewGuid():N}";
            await CreateDatabaseAsync(name, Template);
            return name;
        }
        finally { _templateLock.Release(); }
    }

    public static PostgresMarketplaceDbContext NewContext(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresMarketplaceDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options);

    public async Task CreateDatabaseAsync(string name, string? template = null)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""), conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private Task RunPg(string tool, params string[] args) =>
        _asRoot ? Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args]) : Run(Path.Combine(_bin, tool), args);

    private static async Task Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {await stderr}{await stdout}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
