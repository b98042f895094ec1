using System.ComponentModel.DataAnnotations;

namespace Vozex.Web.Platform;

/// <summary>Bound to "Vozex": where the embedded default keeps its files.</summary>
public sealed class VozexOptions
{
    public const string Section = "Vozex";

    [Required]
    public string DataDirectory { get; set; } = "data";
}

/// <summary>Bound to "Vozex:Database".</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Vozex:Database";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public string Provider { get; set; } = Sqlite;

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase) && !IsPostgres)
            yield return new ValidationResult($"Vozex:Database:Provider must be '{Sqlite}' or '{Postgres}', not '{Provider}'.", [nameof(Provider)]);
    }
}

/// <summary>Bound to "Vozex:Seed".</summary>
public sealed class SeedOptions
{
    public const string Section = "Vozex:Seed";

    /// <summary>Seed the demo catalog (and, as modules grow, demo providers and release files).</summary>
    public bool Demo { get; set; }

    /// <summary>Extra generated products for benchmarks (e.g. 1000); 0 adds none.</summary>
    [Range(0, 100_000)]
    public int GeneratedProducts { get; set; }
}
