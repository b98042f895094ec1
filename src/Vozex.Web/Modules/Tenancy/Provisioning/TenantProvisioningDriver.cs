using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Modules.Tenancy.Data;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Sites;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Jobs;

namespace Vozex.Web.Modules.Tenancy.Provisioning;

/// <summary>
/// <c>saas_tenant_provisioning</c> (SPEC §7.1), idempotent by tenant slug. Outside the marketplace database it clones
/// the product type's template into the tenant's own database and writes the tenant's settings and admin user there;
/// both steps are re-runnable (an existing clone is complete and kept; settings and the admin are upserted). Inside the
/// worker's unit of work it adds the tenant record, the encrypted credentials and the credentials mail (Notifications' outbox), so they commit
/// together with the fulfilment outcome. A run cut short anywhere is finished by the retry; once the tenant record has
/// committed, a re-run only reports it (it never resets a password the customer has changed).
/// </summary>
internal sealed partial class TenantProvisioningDriver(
    MarketplaceDbContext db,
    TenantDatabases databases,
    IDataProtectionProvider protection,
    IMailOutbox mail,
    IEnumerable<IProvisioningObserver> observers,
    TenantSites sites,
    AfterCommit afterCommit,
    IOptions<TenancyOptions> options,
    TimeProvider time,
    ILogger<TenantProvisioningDriver> logger) : IFulfillmentDriver
{
    public const string AdminUsername = "admin";

    public string Name => FulfillmentDrivers.SaasTenantProvisioning;

    public async Task<FulfillmentResult> RunAsync(FulfillmentJob job, CancellationToken cancellationToken)
    {
        var request = SaasRequest.Parse(job.PayloadSnapshot);
        var settings = options.Value;

        var existing = await db.Set<Tenant>().AsNoTracking().Where(t => t.Slug == request.Slug)
            .Select(t => new { t.Id, t.OrderItemId }).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            if (existing.OrderItemId != job.OrderItemId)
                throw new InvalidOperationException($"The subdomain '{request.Slug}' belongs to another tenant.");
            return Result(existing.Id, request.Slug);
        }

        var (plan, features) = await PlanAsPaidAsync(job, request, cancellationToken);

        var load = await db.Set<Tenant>().AsNoTracking().Where(t => t.DatabaseServer != null)
            .GroupBy(t => t.DatabaseServer!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        using var placement = await databases.PlaceAsync(request.Slug, load, cancellationToken);
        var location = placement.Location;
        await Step(ProvisioningStep.Placed, request.Slug, cancellationToken);

        await databases.EnsureTemplateAsync(location, job.ProductType, cancellationToken);
        await Step(ProvisioningStep.TemplateReady, request.Slug, cancellationToken);

        await databases.CloneAsync(location, job.ProductType, cancellationToken);
        await Step(ProvisioningStep.DatabaseCloned, request.Slug, cancellationToken);

        var now = time.GetUtcNow();
        var tenantId = Guid.NewGuid();
        var password = TenantPasswords.NewTemporary();
        var schemaVersion = await ConfigureTenantDatabaseAsync(location, tenantId, request, job, plan, features, password, now, cancellationToken);
        await Step(ProvisioningStep.TenantConfigured, request.Slug, cancellationToken);

        var domain = settings.Domain(request.Slug);
        db.Add(new Tenant
        {
            Id = tenantId,
            Slug = request.Slug,
            Domain = domain,
            FulfillmentId = job.FulfillmentId,
            OrderItemId = job.OrderItemId,
            OrderId = job.OrderId,
            CustomerId = job.CustomerId,
            CustomerEmail = job.CustomerEmail,
            ProductSlug = job.ProductSlug,
            ProductName = job.ProductName,
            ProductType = job.ProductType,
            Plan = plan.Id,
            PlanName = plan.Name,
            Features = features,
            Limits = new Dictionary<string, int>(plan.Limits, StringComparer.Ordinal),
            BillingCycle = request.BillingCycle,
            CustomDomain = request.CustomDomain,
            DatabaseServer = location.Server,
            DatabaseName = location.Name,
            SchemaVersion = schemaVersion,
            CreatedAt = now,
        });
        db.Add(new TenantCredential
        {
            TenantId = tenantId,
            Username = AdminUsername,
            ProtectedPassword = TenantCredentialProtector.Create(protection).Protect(password),
            ExpiresAt = now + settings.CredentialsLifetime,
        });
        var adminUrl = AdminUrl(request.Slug);
        // Same unit of work: the mail goes out if and only if the tenant commits (a sensitive kind: the outbox drops it once sent).
        mail.Enqueue(new TenantCredentialsMail(new MailRecipient(job.CustomerEmail, null), tenantId, job.ProductName, domain, new Uri(adminUrl),
            AdminUsername, password, settings.CredentialsLifetime));
        await Step(ProvisioningStep.Recorded, request.Slug, cancellationToken);
        afterCommit.Add(() => sites.Invalidate(request.Slug));
        LogProvisioned(logger, tenantId, request.Slug, job.ProductType, location.Server ?? "sqlite");
        return Result(tenantId, request.Slug);
    }

    /// <summary>
    /// Writes the tenant's settings and its admin user in one transaction of the tenant database. Re-runnable: a previous
    /// run's rows are overwritten, and the admin gets this run's temporary password, the one this run records.
    /// </summary>
    /// <returns>The database's newest applied tenant migration (its schema version; a clone left by an older build may lag).</returns>
    /// <summary>
    /// The plan and add-ons as the order promised them (pricing checked the add-ons against the catalog then); orders
    /// from before terms were kept read today's catalog and keep only the add-ons it still offers.
    /// </summary>
    private async Task<(PricingPlan Plan, List<string> Features)> PlanAsPaidAsync(FulfillmentJob job, SaasRequest request, CancellationToken cancellationToken)
    {
        if (PurchasedTerms.Parse(job.TermsSnapshot)?.Plan is { } promised && promised.Id == request.Plan)
            return (promised, request.Features.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

        var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == job.ProductSlug, cancellationToken)
            ?? throw new InvalidOperationException($"Product {job.ProductSlug} no longer exists.");
        var plan = product.Options.PricingPlans?.FirstOrDefault(p => p.Id == request.Plan)
            ?? throw new InvalidOperationException($"Plan {request.Plan} is no longer offered by {job.ProductSlug}.");
        var offered = (product.Options.AvailableFeatures ?? []).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        return (plan, request.Features.Where(offered.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    private async Task<string?> ConfigureTenantDatabaseAsync(TenantDatabaseLocation location, Guid tenantId, SaasRequest request, FulfillmentJob job,
        PricingPlan plan, IReadOnlyList<string> features, string password, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var tenantDb = databases.Open(location, pooling: false);
        await using var transaction = await tenantDb.Database.BeginTransactionAsync(cancellationToken);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TenantSettingKeys.TenantId] = tenantId.ToString(),
            [TenantSettingKeys.Slug] = request.Slug,
            [TenantSettingKeys.ProductType] = job.ProductType,
            [TenantSettingKeys.ProductName] = job.ProductName,
        };
        foreach (var (key, value) in TenantSettingKeys.PlanValues(plan.Id, plan.Name, plan.Features, features, plan.Limits)) values[key] = value;
        await TenantSettingKeys.UpsertAsync(tenantDb, values, cancellationToken);

        var admin = await tenantDb.Users.FirstOrDefaultAsync(u => u.Username == AdminUsername, cancellationToken);
        if (admin is null)
        {
            admin = new TenantUser
            {
                Username = AdminUsername,
                DisplayName = "Administrator",
                Role = TenantRoles.Admin,
                PasswordHash = "",
                SecurityStamp = TenantPasswords.NewStamp(),
                CreatedAt = now,
            };
            tenantDb.Users.Add(admin);
        }
        admin.PasswordHash = TenantPasswords.HashGenerated(admin, password);
        admin.MustChangePassword = true;
        admin.SecurityStamp = TenantPasswords.NewStamp();
        await tenantDb.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await tenantDb.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault();
    }

    private async Task Step(ProvisioningStep step, string slug, CancellationToken cancellationToken)
    {
        foreach (var observer in observers) await observer.AfterStepAsync(step, slug, cancellationToken);
    }

    private string AdminUrl(string slug) => options.Value.SiteOrigin(slug) + "/admin";

    private FulfillmentResult Result(Guid tenantId, string slug) => FulfillmentResult.Active(tenantId.ToString(), AdminUrl(slug));

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioned tenant {TenantId} ({Slug}, {ProductType}) on {Server}")]
    private static partial void LogProvisioned(ILogger logger, Guid tenantId, string slug, string productType, string server);
}

/// <summary>The part of a SaaS order item's configuration snapshot provisioning needs.</summary>
internal sealed partial record SaasRequest(string Slug, string Plan, IReadOnlyList<string> Features, string? BillingCycle, string? CustomDomain)
{
    public static SaasRequest Parse(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var slug = Text(root, "subdomain") ?? throw new InvalidOperationException("The order item has no subdomain.");
        if (!SlugFormat().IsMatch(slug)) throw new InvalidOperationException("The order item's subdomain is not a valid DNS label.");
        var plan = Text(root, "plan") ?? throw new InvalidOperationException("The order item has no plan.");
        var features = root.TryGetProperty("features", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList()
            : [];
        return new SaasRequest(slug, plan, features, Text(root, "billing_cycle"), Text(root, "custom_domain"));
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>Checkout validated the label (SubdomainRules); this re-check is what makes it safe in a database name and a host.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$")]
    private static partial Regex SlugFormat();
}

internal static class TenantSettingKeys
{
    public const string TenantId = "tenant.id";
    public const string Slug = "tenant.slug";
    public const string ProductType = "product.type";
    public const string ProductName = "product.name";
    public const string Plan = "plan.id";
    public const string PlanName = "plan.name";
    public const string PlanFeatures = "plan.features";
    public const string Features = "features";
    public const string Limits = "limits";

    /// <summary>The settings a plan decides, as the tenant database stores them.</summary>
    public static Dictionary<string, string> PlanValues(string plan, string planName, IReadOnlyList<string> planFeatures, IReadOnlyList<string> features,
        IReadOnlyDictionary<string, int> limits) => new(StringComparer.Ordinal)
    {
        [Plan] = plan,
        [PlanName] = planName,
        [PlanFeatures] = JsonSerializer.Serialize(planFeatures),
        [Features] = JsonSerializer.Serialize(features),
        [Limits] = JsonSerializer.Serialize(limits),
    };

    /// <summary>Adds or overwrites these settings (tracked; the caller saves).</summary>
    public static async Task UpsertAsync(TenantDbContext tenantDb, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var keys = values.Keys.ToList();
        var stored = await tenantDb.Settings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
        foreach (var (key, value) in values)
        {
            if (stored.TryGetValue(key, out var row)) row.Value = value;
            else tenantDb.Settings.Add(new TenantSetting { Key = key, Value = value });
        }
    }
}

internal static class TenantRoles
{
    public const string Admin = "admin";
    public const string Staff = "staff";
}

internal static class TenantCredentialProtector
{
    public static IDataProtector Create(IDataProtectionProvider provider) => provider.CreateProtector("Vozex.Tenancy.Credentials.v1");
}
