using Microsoft.EntityFrameworkCore;

namespace Vozex.Web.Platform.Data;

/// <summary>WAL lets readers (the storefront) run while a worker writes; the setting is stored in the file.</summary>
internal sealed class SqliteJournalStep : IPostMigrationStep
{
    public async Task RunAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        if (db.Engine == DatabaseEngine.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
