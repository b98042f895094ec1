using Microsoft.EntityFrameworkCore;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Catalog.Data;

/// <summary>
/// SQLite full-text search: an external-content FTS5 table over catalog_products, kept in step by
/// triggers. EF migrations cannot model virtual tables, so this idempotent step runs after them.
/// </summary>
internal sealed class SqliteProductSearchIndex : IPostMigrationStep
{
    public const string Table = "catalog_products_fts";

    public async Task RunAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        if (db.Engine != DatabaseEngine.Sqlite) return;
        var exists = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {Table}")
            .SingleAsync(cancellationToken);
        if (exists > 0) return;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var statement in Ddl)
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"INSERT INTO {Table}({Table}) VALUES('rebuild');", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static readonly string[] Ddl =
    [
        $"CREATE VIRTUAL TABLE {Table} USING fts5(name, description, content='catalog_products', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');",
        $"""
        CREATE TRIGGER catalog_products_fts_insert AFTER INSERT ON catalog_products BEGIN
          INSERT INTO {Table}(rowid, name, description) VALUES (new.id, new.name, new.description);
        END;
        """,
        $"""
        CREATE TRIGGER catalog_products_fts_delete AFTER DELETE ON catalog_products BEGIN
          INSERT INTO {Table}({Table}, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
        END;
        """,
        $"""
        CREATE TRIGGER catalog_products_fts_update AFTER UPDATE OF name, description ON catalog_products BEGIN
          INSERT INTO {Table}({Table}, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
          INSERT INTO {Table}(rowid, name, description) VALUES (new.id, new.name, new.description);
        END;
        """,
    ];
}
