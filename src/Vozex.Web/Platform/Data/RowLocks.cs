using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Vozex.Web.Platform.Data;

public static class RowLocks
{
    /// <summary>
    /// Locks one row until the current transaction ends, so a read-compute-write of state derived from other rows
    /// cannot interleave with another transaction doing the same. PostgreSQL: <c>SELECT ... FOR UPDATE</c>; SQLite
    /// needs nothing, because its single writer already serializes write transactions.
    /// </summary>
    public static async Task LockRowAsync<TEntity>(this MarketplaceDbContext db, object key, CancellationToken cancellationToken) where TEntity : class
    {
        if (db.Engine != DatabaseEngine.Postgres) return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A row lock only means something inside a transaction.");
        var table = db.QuotedTable<TEntity>();
        var sql = $"SELECT 1 FROM {table.Name} WHERE {table.KeyColumn} = {{0}} FOR UPDATE";
        await db.Database.ExecuteSqlRawAsync(sql, [key], cancellationToken);
    }

    /// <summary>
    /// Locks those of <paramref name="keys"/> no other transaction holds and returns them (PostgreSQL
    /// <c>FOR UPDATE SKIP LOCKED</c>): concurrent claimers divide rows between them instead of queueing.
    /// </summary>
    public static async Task<List<long>> LockSkippingLockedAsync<TEntity>(this MarketplaceDbContext db, IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (db.Engine != DatabaseEngine.Postgres) throw new NotSupportedException("SKIP LOCKED is a PostgreSQL feature.");
        var table = db.QuotedTable<TEntity>();
        var sql = $"SELECT {table.KeyColumn} AS \"Value\" FROM {table.Name} WHERE {table.KeyColumn} = ANY({{0}}) FOR UPDATE SKIP LOCKED";
        return await db.Database.SqlQueryRaw<long>(sql, keys.ToArray()).ToListAsync(cancellationToken);
    }

    /// <summary>Names come from the model, never from input, so quoting them is all the raw SQL needs.</summary>
    private static (string Name, string KeyColumn) QuotedTable<TEntity>(this MarketplaceDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(store)!;
        return ($"\"{table}\"", $"\"{key}\"");
    }
}
