using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Vozex.Web.Modules.Tenancy.Data;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Tenancy.Provisioning;

/// <summary>A PostgreSQL server of the tenant pool: <see cref="Key"/> (host:port) is what a tenant record remembers.</summary>
internal sealed record TenantServer(string Key, string ConnectionString);

/// <summary>Where one tenant's database is: a server key and database name (PostgreSQL), or a file under the data directory (SQLite).</summary>
internal sealed record TenantDatabaseLocation(string? Server, string Name);

/// <summary>
/// Creates and opens tenant databases. Every database is cloned from its product type's template, which is migrated
/// by <see cref="TenantDbContext"/> and seeded with the type's starter data once per process start: PostgreSQL clones
/// with <c>CREATE DATABASE ... TEMPLATE</c>, SQLite copies the template file. Both clones are atomic (the database
/// appears whole or not at all), so "it exists" means "it is complete" and a re-run after a crash can reuse it.
/// </summary>
internal sealed partial class TenantDatabases
{
    private const string TemplateSeededKey = "template.seeded";
    private readonly TenancyOptions _options;
    private readonly DataPaths _paths;
    private readonly ILogger<TenantDatabases> _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _templateLocks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _templatesReady = new(StringComparer.Ordinal);

    /// <summary>Tenants being placed on each server by this node right now, so parallel provisions spread out too.</summary>
    private readonly ConcurrentDictionary<string, int> _placing = new(StringComparer.Ordinal);

    public TenantDatabases(IOptions<TenancyOptions> options, IOptions<DatabaseOptions> database, IConfiguration configuration, DataPaths paths,
        ILogger<TenantDatabases> logger)
    {
        _options = options.Value;
        _paths = paths;
        _logger = logger;
        Engine = database.Value.IsPostgres ? DatabaseEngine.Postgres : DatabaseEngine.Sqlite;
        if (Engine == DatabaseEngine.Postgres)
        {
            var configured = _options.DatabaseServers.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
            if (configured.Count == 0) configured.Add(configuration.GetConnectionString("Marketplace") ?? "");
            Servers = configured.Select(ToServer).DistinctBy(s => s.Key).ToList();
        }
        else Servers = [];
    }

    public DatabaseEngine Engine { get; }

    public IReadOnlyList<TenantServer> Servers { get; }

    public string DatabaseName(string slug) => Engine == DatabaseEngine.Postgres
        ? $"{_options.DatabasePrefix}_t_{slug.Replace('-', '_')}"
        : $"tenants/{slug}.db";

    private string TemplateName(string productType) => Engine == DatabaseEngine.Postgres
        ? $"{_options.DatabasePrefix}_tpl_{productType}"
        : $"tenants/templates/{productType}.db";

    /// <summary>
    /// The server for a new tenant: the one already holding a database for this slug (a previous run that crashed
    /// before committing), else the least loaded by <paramref name="tenantsPerServer"/> plus this node's in-flight placements.
    /// Dispose the result once the tenant record is saved or abandoned.
    /// </summary>
    public async Task<Placement> PlaceAsync(string slug, IReadOnlyDictionary<string, int> tenantsPerServer, CancellationToken cancellationToken)
    {
        var name = DatabaseName(slug);
        if (Engine == DatabaseEngine.Sqlite) return new Placement(this, new TenantDatabaseLocation(null, name));
        foreach (var server in Servers)
            if (await ExistsAsync(server, name, cancellationToken))
                return new Placement(this, new TenantDatabaseLocation(server.Key, name));
        lock (_placing)
        {
            var chosen = Servers
                .Select((s, i) => (s, i, load: tenantsPerServer.GetValueOrDefault(s.Key) + _placing.GetValueOrDefault(s.Key)))
                .OrderBy(x => x.load).ThenBy(x => x.i).First().s;
            _placing.AddOrUpdate(chosen.Key, 1, (_, n) => n + 1);
            return new Placement(this, new TenantDatabaseLocation(chosen.Key, name), chosen.Key);
        }
    }

    internal sealed class Placement(TenantDatabases owner, TenantDatabaseLocation location, string? counted = null) : IDisposable
    {
        private string? _counted = counted;
        public TenantDatabaseLocation Location { get; } = location;

        public void Dispose()
        {
            if (_counted is null) return;
            lock (owner._placing) owner._placing.AddOrUpdate(_counted, 0, (_, n) => Math.Max(0, n - 1));
            _counted = null;
        }
    }

    /// <summary>Makes sure the product type's template exists, is migrated and holds its starter data (once per process).</summary>
    public async Task EnsureTemplateAsync(TenantDatabaseLocation location, string productType, CancellationToken cancellationToken)
    {
        var key = $"{location.Server}/{productType}";
        if (_templatesReady.ContainsKey(key)) return;
        var gate = _templateLocks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_templatesReady.ContainsKey(key)) return;
            var template = TemplateName(productType);
            if (Engine == DatabaseEngine.Postgres)
            {
                var server = Server(location.Server);
                await CreatePostgresDatabaseAsync(server, template, null, cancellationToken);
                // Pooling off: an idle pooled connection to the template would make every clone fail ("being accessed by other users").
                await using var db = OpenPostgres(server, template, pooling: false);
                await MigrateAndSeedAsync(db, productType, cancellationToken);
            }
            else
            {
                var path = _paths.Combine(template);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var db = OpenSqlite(path, pooling: false);
                await MigrateAndSeedAsync(db, productType, cancellationToken);
            }
            _templatesReady[key] = true;
            LogTemplateReady(_logger, productType, location.Server ?? "sqlite");
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task MigrateAndSeedAsync(TenantDbContext db, string productType, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Settings.AnyAsync(s => s.Key == TemplateSeededKey, cancellationToken)) return;
        db.Settings.Add(new TenantSetting { Key = TemplateSeededKey, Value = productType });
        db.Items.AddRange(StarterData.For(productType));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Database.IsNpgsql())
        {
            // Another node seeded the same template at the same moment; its marker's primary key stopped us. Theirs stands.
        }
    }

    /// <summary>Clones the template into the tenant's database; a database that already exists is complete (clones are atomic) and kept.</summary>
    public async Task CloneAsync(TenantDatabaseLocation location, string productType, CancellationToken cancellationToken)
    {
        if (Engine == DatabaseEngine.Postgres)
        {
            var server = Server(location.Server);
            if (await ExistsAsync(server, location.Name, cancellationToken)) return;
            if (_options.SpareDatabases > 0 && await TryClaimSpareAsync(server, location.Name, productType, cancellationToken)) return;
            await CreatePostgresDatabaseAsync(server, location.Name, TemplateName(productType), cancellationToken);
            return;
        }
        var target = _paths.Combine(location.Name);
        if (File.Exists(target)) return;
        // Copy under a temporary name, then rename: the tenant file appears only once it is whole. A crash leaves at
        // most a .partial file, which the next run overwrites.
        var partial = target + ".partial";
        File.Copy(_paths.Combine(TemplateName(productType)), partial, overwrite: true);
        try { File.Move(partial, target, overwrite: false); }
        catch (IOException) when (File.Exists(target)) { File.Delete(partial); }
    }

    /// <summary>
    /// Spares are named after the product type and the tenant schema they were cloned at, so a spare from before a tenant
    /// migration is never handed out (the refill drops it). Renaming is atomic: of two provisions reaching for one spare,
    /// one renames it and the other finds it gone and takes the next.
    /// </summary>
    private async Task<bool> TryClaimSpareAsync(TenantServer server, string database, string productType, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAdminAsync(server, cancellationToken);
        var candidates = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, @prefix) ORDER BY random() LIMIT 8", connection))
        {
            list.Parameters.AddWithValue("prefix", SparePrefix(productType) + SpareTag + "_");
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) candidates.Add(reader.GetString(0));
        }
        foreach (var spare in candidates.Where(c => SpareOf(c) == (productType, SpareTag)))
        {
            try
            {
                // Names are built from validated slugs, product type ids, a validated prefix and hex: [a-z0-9_] only.
                await using var rename = new NpgsqlCommand($"ALTER DATABASE \"{spare}\" RENAME TO \"{database}\"", connection);
                await rename.ExecuteNonQueryAsync(cancellationToken);
                LogSpareClaimed(_logger, spare, database);
                return true;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.ObjectInUse)
            {
                // Taken by another provision a moment ago (or being dropped as stale): try the next one.
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                return true; // the tenant's database appeared meanwhile (a parallel retry of this provision): it is complete
            }
        }
        return false;
    }

    /// <summary>
    /// Tops up the spare databases of every product type this node has a ready template for, on every server, and drops
    /// spares cloned at an older tenant schema. Returns how many it created or dropped. Safe on many nodes at once (they
    /// may overshoot by a few; a claim takes any).
    /// </summary>
    public async Task<int> RefillSparesAsync(CancellationToken cancellationToken)
    {
        if (Engine != DatabaseEngine.Postgres || _options.SpareDatabases == 0) return 0;
        var changed = 0;
        foreach (var ready in _templatesReady.Keys)
        {
            var split = ready.LastIndexOf('/');
            var server = Server(ready[..split]);
            var productType = ready[(split + 1)..];
            if (SpareName(productType).Length > 63) continue; // PostgreSQL's identifier limit: this type cannot have spares
            var spares = new List<(string Name, string Tag)>();
            await using (var connection = await OpenAdminAsync(server, cancellationToken))
            await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, @prefix)", connection))
            {
                list.Parameters.AddWithValue("prefix", SparePrefix(productType));
                await using var reader = await list.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    if (SpareOf(reader.GetString(0)) is { } spare && spare.ProductType == productType) spares.Add((reader.GetString(0), spare.Tag));
            }
            foreach (var stale in spares.Where(s => s.Tag != SpareTag))
            {
                await DropAsync(new TenantDatabaseLocation(server.Key, stale.Name), cancellationToken);
                changed++;
            }
            for (var have = spares.Count(s => s.Tag == SpareTag); have < _options.SpareDatabases; have++)
            {
                await CreatePostgresDatabaseAsync(server, SpareName(productType), TemplateName(productType), cancellationToken);
                changed++;
            }
        }
        return changed;
    }

    private string SparePrefix(string productType) => $"{_options.DatabasePrefix}_s_{productType}_";

    /// <summary>The product type and schema tag of a spare's name (<c>prefix_s_type_tag_random</c>), or null for any other name.</summary>
    private (string ProductType, string Tag)? SpareOf(string name)
    {
        var start = _options.DatabasePrefix + "_s_";
        // The suffix is fixed: "_" + 8 hex (tag) + "_" + 8 hex (random); what lies between is the product type, whole.
        if (!name.StartsWith(start, StringComparison.Ordinal) || name.Length < start.Length + 19) return null;
        var suffix = name[^18..];
        if (suffix[0] != '_' || suffix[9] != '_' || !suffix[1..9].All(char.IsAsciiHexDigitLower) || !suffix[10..].All(char.IsAsciiHexDigitLower)) return null;
        return (name[start.Length..^18], suffix[1..9]);
    }

    private string SpareName(string productType) => $"{SparePrefix(productType)}{SpareTag}_{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The tenant schema a spare was cloned at: a short hash of this build's newest tenant migration.</summary>
    private string SpareTag => _spareTag ??= Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(LatestMigration)))[..8];

    private string? _spareTag;

    public async Task<bool> ExistsAsync(TenantDatabaseLocation location, CancellationToken cancellationToken) =>
        Engine == DatabaseEngine.Postgres
            ? await ExistsAsync(Server(location.Server), location.Name, cancellationToken)
            : File.Exists(_paths.Combine(location.Name));

    /// <summary>
    /// Deletes the tenant's database. Idempotent (a database already gone is fine), so a retry after a crash between the
    /// drop and recording it simply finishes. Open connections (this node's pool, other nodes' sessions) are closed first.
    /// </summary>
    public async Task DropAsync(TenantDatabaseLocation location, CancellationToken cancellationToken)
    {
        if (Engine == DatabaseEngine.Postgres)
        {
            var server = Server(location.Server);
            NpgsqlConnection.ClearPool(new NpgsqlConnection(PostgresConnectionString(server, location.Name, pooling: true)));
            await using var connection = await OpenAdminAsync(server, cancellationToken);
            // Names are built from validated slugs and a validated prefix: [a-z0-9_] only. FORCE ends other nodes' sessions.
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{location.Name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        var path = _paths.Combine(location.Name);
        using (var pooled = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ConnectionString))
            SqliteConnection.ClearPool(pooled);
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal", path + ".partial" })
            File.Delete(file);
    }

    /// <summary>Every tenant database that exists now (templates excluded), on every server, or every tenant file on SQLite.</summary>
    public async Task<IReadOnlyList<TenantDatabaseLocation>> ListAsync(CancellationToken cancellationToken)
    {
        var found = new List<TenantDatabaseLocation>();
        if (Engine == DatabaseEngine.Sqlite)
        {
            var dir = _paths.Combine("tenants");
            if (Directory.Exists(dir))
                found.AddRange(Directory.GetFiles(dir, "*.db").Select(f => new TenantDatabaseLocation(null, $"tenants/{Path.GetFileName(f)}")));
            return found;
        }
        foreach (var server in Servers)
        {
            await using var connection = await OpenAdminAsync(server, cancellationToken);
            await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, @prefix)", connection);
            command.Parameters.AddWithValue("prefix", $"{_options.DatabasePrefix}_t_");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) found.Add(new TenantDatabaseLocation(server.Key, reader.GetString(0)));
        }
        return found;
    }

    /// <summary>The newest tenant migration of this build: the schema version every tenant database should reach.</summary>
    public string LatestMigration => _latestMigration ??= ComputeLatestMigration();

    private string? _latestMigration;

    private string ComputeLatestMigration()
    {
        using TenantDbContext db = Engine == DatabaseEngine.Postgres
            ? OpenPostgres(Servers[0], "postgres", pooling: false)
            : OpenSqlite(":memory:", pooling: false);
        return db.Database.GetMigrations().Last();
    }

    /// <summary>Applies the tenant migrations the database lacks (idempotent; EF Core holds a migration lock while it runs).</summary>
    public async Task<string> MigrateAsync(TenantDatabaseLocation location, CancellationToken cancellationToken)
    {
        await using TenantDbContext db = Engine == DatabaseEngine.Postgres
            ? OpenPostgres(Server(location.Server), location.Name, pooling: false)
            : OpenSqlite(_paths.Combine(location.Name), pooling: false);
        if (Engine == DatabaseEngine.Sqlite && !File.Exists(_paths.Combine(location.Name)))
            throw new InvalidOperationException($"The tenant database {location.Name} does not exist.");
        await db.Database.MigrateAsync(cancellationToken);
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Last();
    }

    /// <summary>
    /// A context on the tenant's database (the caller disposes it). Pooled for the tenant site's steady traffic; one-off
    /// work (provisioning, settings, migrations) passes <paramref name="pooling"/> false, so a burst of new tenants does not
    /// leave an idle pooled connection per tenant database behind.
    /// </summary>
    public TenantDbContext Open(TenantDatabaseLocation location, bool pooling = true) => Engine == DatabaseEngine.Postgres
        ? OpenPostgres(Server(location.Server), location.Name, pooling)
        : OpenSqlite(_paths.Combine(location.Name), pooling);

    private TenantServer Server(string? key) =>
        Servers.FirstOrDefault(s => s.Key == key)
        ?? throw new InvalidOperationException($"Tenant database server '{key}' is not in Vozex:Tenancy:DatabaseServers.");

    // Every tenant database has its own pool on every node, so idle connections are closed sooner than Npgsql's default
    // (5 minutes): thousands of tenants must not hold thousands of idle server connections.
    private static string PostgresConnectionString(TenantServer server, string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, Pooling = pooling, ConnectionIdleLifetime = 30 }.ConnectionString;

    private static PostgresTenantDbContext OpenPostgres(TenantServer server, string database, bool pooling) =>
        new((DbContextOptions<PostgresTenantDbContext>)TenantDbContext
            .ConfigurePostgres(new DbContextOptionsBuilder<PostgresTenantDbContext>(), PostgresConnectionString(server, database, pooling)).Options);

    private static SqliteTenantDbContext OpenSqlite(string path, bool pooling)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = pooling };
        return new SqliteTenantDbContext((DbContextOptions<SqliteTenantDbContext>)TenantDbContext
            .ConfigureSqlite(new DbContextOptionsBuilder<SqliteTenantDbContext>(), connection.ConnectionString).Options);
    }

    private static async Task<bool> ExistsAsync(TenantServer server, string database, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAdminAsync(server, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private async Task CreatePostgresDatabaseAsync(TenantServer server, string database, string? template, CancellationToken cancellationToken)
    {
        // Names are built from validated slugs, product type ids and a validated prefix: [a-z0-9_] only.
        var sql = template is null ? $"CREATE DATABASE \"{database}\"" : $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAdminAsync(server, cancellationToken);
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                return; // a database that already exists is not an error: clones are atomic, so it is complete
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // Another node is migrating the template right now; it is idle again within moments.
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync(TenantServer server, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static TenantServer ToServer(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new TenantServer($"{builder.Host}:{builder.Port}", connectionString);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Spare database {Spare} became {Database}")]
    private static partial void LogSpareClaimed(ILogger logger, string spare, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant template for {ProductType} is migrated and seeded on {Server}")]
    private static partial void LogTemplateReady(ILogger logger, string productType, string server);
}
