using Microsoft.EntityFrameworkCore;

namespace Vozex.Web.Platform.Data;

/// <summary>Schema work a migration cannot express for one provider (SQLite FTS5 tables, say). Must be idempotent.</summary>
public interface IPostMigrationStep
{
    Task RunAsync(MarketplaceDbContext db, CancellationToken cancellationToken);
}

/// <summary>Seeds data at start. Must be idempotent: every node runs it on every start.</summary>
public interface IDataSeeder
{
    int Order { get; }
    Task SeedAsync(MarketplaceDbContext db, CancellationToken cancellationToken);
}

/// <summary>Applies migrations, provider-specific steps and seeds, in that order, before the app serves requests.</summary>
public sealed partial class DatabaseInitializer(
    MarketplaceDbContext db,
    IEnumerable<IPostMigrationStep> postMigrationSteps,
    IEnumerable<IDataSeeder> seeders,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(logger, db.Engine, pending.Count);
            await db.Database.MigrateAsync(cancellationToken);
        }
        foreach (var step in postMigrationSteps)
            await step.RunAsync(db, cancellationToken);
        foreach (var seeder in seeders.OrderBy(s => s.Order))
            await seeder.SeedAsync(db, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to the {Engine} marketplace database")]
    private static partial void LogMigrating(ILogger logger, DatabaseEngine engine, int count);
}

public static class DatabaseInitializerExtensions
{
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }
}
