using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Vozex.Web.Modules.Tenancy;

/// <summary>Bound to <c>Vozex:Tenancy</c>.</summary>
internal sealed partial class TenancyOptions : IValidatableObject
{
    public const string Section = "Vozex:Tenancy";

    /// <summary>Tenant domains are <c>&lt;subdomain&gt;.&lt;BaseDomain&gt;</c>; the default makes <c>http://x.localhost:5000</c> work locally.</summary>
    [Required]
    public string BaseDomain { get; set; } = "localhost";

    /// <summary>Scheme of the tenant site links we hand out (admin URL, sign-in links).</summary>
    [Required]
    public string PublicScheme { get; set; } = "http";

    /// <summary>Port of the tenant site links; null for the scheme's default (production behind a proxy).</summary>
    [Range(1, 65535)]
    public int? PublicPort { get; set; }

    /// <summary>
    /// PostgreSQL servers for tenant databases (connection strings without a database). Empty: the marketplace's
    /// server. New tenants go to the server holding the fewest tenants.
    /// </summary>
    public List<string> DatabaseServers { get; set; } = [];

    /// <summary>
    /// Prefix of tenant and template database names on PostgreSQL, so several marketplaces (or test runs) can share
    /// one server without their tenant databases colliding.
    /// </summary>
    [Required]
    public string DatabasePrefix { get; set; } = "vozex";

    /// <summary>How long the temporary credentials stay readable in the dashboard (SPEC §7.1: 7 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan CredentialsLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Lifetime of an "Open admin" single sign-on link.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan SsoLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Lifetime of a tenant admin access token and session.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a node trusts its cached view of a tenant host; changes on this node invalidate at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan SiteCacheLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a cancelled tenant's database is kept before it is deleted (SPEC §7.1).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan DeletionGracePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Tenant databases migrated at once by the schema rollout.</summary>
    [Range(1, 64)]
    public int SchemaUpgradeParallelism { get; set; } = 4;

    /// <summary>
    /// PostgreSQL only: databases kept cloned ahead, per product type and server, so a new tenant renames one instead of
    /// waiting for <c>CREATE DATABASE</c> (which copies the whole template and varies from 25 ms to hundreds under I/O
    /// load). Filled in the background for the product types this node has provisioned; 0 turns it off. Size it to the
    /// bursts you expect: each spare costs one template's size (about 8 MB).
    /// </summary>
    [Range(0, 1000)]
    public int SpareDatabases { get; set; } = 10;

    /// <summary>How often a node tops the spare databases up (and drops spares of an older tenant schema).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SpareRefillInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a node looks for tenant databases behind the current tenant migrations (also once at start).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SchemaUpgradeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a tenant database must have had no tenant record (a provisioning that finally failed) before the orphan
    /// sweep drops it. Longer than a provisioning's whole retry schedule, so a database still being provisioned is never taken.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan OrphanDatabaseAge { get; set; } = TimeSpan.FromDays(1);

    public string NormalizedBaseDomain => BaseDomain.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>The tenant site's origin for <paramref name="slug"/>, e.g. <c>http://acme.localhost:5000</c>.</summary>
    public string SiteOrigin(string slug) => PublicPort is { } port
        ? string.Create(CultureInfo.InvariantCulture, $"{PublicScheme}://{slug}.{NormalizedBaseDomain}:{port}")
        : $"{PublicScheme}://{slug}.{NormalizedBaseDomain}";

    public string Domain(string slug) => $"{slug}.{NormalizedBaseDomain}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!DatabasePrefixFormat().IsMatch(DatabasePrefix))
            yield return new ValidationResult("Vozex:Tenancy:DatabasePrefix must be 1-16 characters of a-z, 0-9 and '_', starting with a letter.", [nameof(DatabasePrefix)]);
        if (NormalizedBaseDomain.Length == 0 || NormalizedBaseDomain.Contains('/', StringComparison.Ordinal) || NormalizedBaseDomain.Contains(':', StringComparison.Ordinal))
            yield return new ValidationResult("Vozex:Tenancy:BaseDomain must be a host name such as localhost or example.com.", [nameof(BaseDomain)]);
        if (PublicScheme is not ("http" or "https"))
            yield return new ValidationResult("Vozex:Tenancy:PublicScheme must be http or https.", [nameof(PublicScheme)]);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,15}$")]
    private static partial Regex DatabasePrefixFormat();
}
