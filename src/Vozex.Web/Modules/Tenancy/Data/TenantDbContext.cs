using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Tenancy.Data;

/// <summary>
/// One tenant's own database: its settings (plan, features, limits), users and business data. Never part of the
/// marketplace model (its configurations carry <see cref="ITenantDatabaseConfiguration"/>); a subclass per
/// provider carries its own migration set (scripts/add-tenant-migration).
/// </summary>
internal abstract class TenantDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<TenantSetting> Settings => Set<TenantSetting>();
    public DbSet<TenantUser> Users => Set<TenantUser>();
    public DbSet<TenantItem> Items => Set<TenantItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TenantDbContext).Assembly,
            t => typeof(ITenantDatabaseConfiguration).IsAssignableFrom(t));

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();
}

internal sealed class SqliteTenantDbContext(DbContextOptions<SqliteTenantDbContext> options) : TenantDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // As in the marketplace database: SQLite has no offset-aware time type.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class PostgresTenantDbContext(DbContextOptions<PostgresTenantDbContext> options) : TenantDbContext(options);

/// <summary>Settings the marketplace writes at provisioning: tenant id, product type, plan, features, limits.</summary>
internal sealed class TenantSetting
{
    public required string Key { get; init; }
    public required string Value { get; set; }
}

internal sealed class TenantUser
{
    public int Id { get; private set; }
    public required string Username { get; init; }
    public required string DisplayName { get; set; }
    public required string Role { get; init; }
    public required string PasswordHash { get; set; }
    public bool MustChangePassword { get; set; }

    /// <summary>Changes with the password, so every token issued before the change stops working.</summary>
    public required string SecurityStamp { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>The last successful password sign-in (shown to the tenant's administrators).</summary>
    public DateTimeOffset? LastSignInAt { get; set; }
}

/// <summary>
/// A business record of the tenant's product (a menu item, a table, a room, a service, a practitioner...). One
/// table with a kind keeps the schema the same for all eight SaaS types, so one template schema serves them all.
/// </summary>
internal sealed class TenantItem
{
    public int Id { get; private set; }
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public string? Category { get; init; }
    public long? PriceMinor { get; init; }
    public int? Quantity { get; init; }
    public int? DurationMinutes { get; init; }
}

internal sealed class TenantSettingConfiguration : IEntityTypeConfiguration<TenantSetting>, ITenantDatabaseConfiguration
{
    public void Configure(EntityTypeBuilder<TenantSetting> builder)
    {
        builder.ToTable("settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(4000);
    }
}

internal sealed class TenantUserConfiguration : IEntityTypeConfiguration<TenantUser>, ITenantDatabaseConfiguration
{
    public void Configure(EntityTypeBuilder<TenantUser> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Username).HasMaxLength(100);
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.Role).HasMaxLength(40);
        builder.Property(u => u.PasswordHash).HasMaxLength(500);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.HasIndex(u => u.Username).IsUnique();
    }
}

internal sealed class TenantItemConfiguration : IEntityTypeConfiguration<TenantItem>, ITenantDatabaseConfiguration
{
    public void Configure(EntityTypeBuilder<TenantItem> builder)
    {
        builder.ToTable("items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Kind).HasMaxLength(60);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Category).HasMaxLength(100);
        builder.HasIndex(i => i.Kind);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the tenant model per provider without a database (scripts/add-tenant-migration).</summary>
internal sealed class SqliteTenantDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTenantDbContext>
{
    public SqliteTenantDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteTenantDbContext>)TenantDbContext
            .ConfigureSqlite(new DbContextOptionsBuilder<SqliteTenantDbContext>(), "Data Source=tenant-design.db").Options);
}

internal sealed class PostgresTenantDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTenantDbContext>
{
    public PostgresTenantDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresTenantDbContext>)TenantDbContext
            .ConfigurePostgres(new DbContextOptionsBuilder<PostgresTenantDbContext>(), "Host=localhost;Database=vozex_tenant_design").Options);
}
