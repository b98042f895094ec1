using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Fulfillment.Contracts;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Downloads;
using Vozex.Web.Modules.Notifications.Contracts;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Licensing.Issue;

/// <summary>
/// The <c>self_hosted_license</c> driver: issues the license, its first download link and its mail (an outbox row) in the worker's unit
/// of work, so all of them commit with the record's outcome or none does. Idempotent by fulfilment id: a second run
/// (after a crash between commit and acknowledgement, or an administrator's retry) returns the license already issued.
/// </summary>
internal sealed partial class LicenseFulfillmentDriver(
    MarketplaceDbContext db,
    LicenseKeyProtector keys,
    DownloadLinks links,
    IMailOutbox mail,
    IAccountDirectory accounts,
    TimeProvider time,
    ILogger<LicenseFulfillmentDriver> logger) : IFulfillmentDriver
{
    public string Name => FulfillmentDrivers.SelfHostedLicense;

    public async Task<FulfillmentResult> RunAsync(FulfillmentJob job, CancellationToken cancellationToken)
    {
        var existing = await db.Set<License>().AsNoTracking()
            .Where(l => l.FulfillmentId == job.FulfillmentId || l.OrderItemId == job.OrderItemId)
            .Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id) return FulfillmentResult.Active(id.ToString("D"));

        var choice = ParsePayload(job.PayloadSnapshot);
        var product = await db.Set<Product>().AsNoTracking().Where(p => p.Slug == job.ProductSlug)
            .Select(p => new { p.Id, p.Options }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new LicenseIssueException($"Product {job.ProductSlug} is not in the catalog.");
        // The type as the order promised it (activations, name); older orders read today's catalog.
        var type = PurchasedTerms.Parse(job.TermsSnapshot)?.LicenseType is { } promised && promised.Id == choice.LicenseType
            ? promised
            : product.Options.LicenseTypes?.FirstOrDefault(t => t.Id == choice.LicenseType)
            ?? throw new LicenseIssueException($"Product {job.ProductSlug} has no license type {choice.LicenseType}.");

        var now = time.GetUtcNow();
        var key = LicenseKey.Generate();
        var license = new License
        {
            Id = Guid.CreateVersion7(now),
            FulfillmentId = job.FulfillmentId,
            OrderId = job.OrderId,
            OrderNumber = job.OrderNumber,
            OrderItemId = job.OrderItemId,
            CustomerId = job.CustomerId,
            CustomerEmail = job.CustomerEmail,
            ProductId = product.Id,
            ProductSlug = job.ProductSlug,
            ProductName = job.ProductName,
            ProductType = job.ProductType,
            LicenseType = type.Id,
            LicenseTypeName = type.Name,
            SupportPlan = choice.SupportPlan,
            SupportUntil = UpdatesPolicy.SupportUntil(job.PaidAt),
            Updates = choice.Updates,
            UpdatesUntil = UpdatesPolicy.UpdatesUntil(choice.Updates, job.PaidAt),
            Features = Features(type.Id, choice),
            MaxActivations = type.MaxActivations,
            KeyHash = LicenseKey.Hash(key),
            KeyProtected = keys.Protect(key),
            KeyHint = key[^5..],
            IssuedAt = now,
            UpdatedAt = now,
        };
        db.Add(license);

        (string Path, DownloadLinkCreated Link)? first = null;
        if (ReleaseFiles.Pick(product.Options.Releases ?? [], license.UpdatesUntil, null, null) is var (release, file))
            // The origin is a placeholder: the mail resolves the path against the site's public address when it is sent.
            first = links.Add(license.Id, release, file, new Uri("http://localhost/"));

        var customer = await accounts.FindAsync(job.CustomerId, cancellationToken);
        mail.Enqueue(new LicenseIssuedMail(new MailRecipient(job.CustomerEmail, customer?.Name), customer?.Name ?? "", job.OrderId, job.OrderNumber,
            job.ProductName, type.Name, key, license.UpdatesUntil, first?.Path, first?.Link.FileName, first?.Link.ExpiresAt, first?.Link.MaxDownloads));
        LogIssued(logger, license.Id, job.FulfillmentId, job.ProductSlug);
        return FulfillmentResult.Active(license.Id.ToString("D"));
    }

    /// <summary>What the software may switch on: the license type, and the support and updates bought with it.</summary>
    internal static List<string> Features(string licenseType, SelfHostedChoice choice) =>
        [licenseType, $"support_{choice.SupportPlan}", $"updates_{choice.Updates}"];

    internal sealed record SelfHostedChoice(string LicenseType, string SupportPlan, string Updates);

    /// <summary>The order item's configuration as paid for: <c>{license_type, support_plan, updates}</c> (snake_case).</summary>
    internal static SelfHostedChoice ParsePayload(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        string Read(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new LicenseIssueException($"The order item's configuration has no {name}.");
        var updates = Read("updates");
        if (updates is not (UpdatesPolicy.OneYear or UpdatesPolicy.Lifetime))
            throw new LicenseIssueException($"The order item's configuration has an unknown updates option {updates}.");
        return new SelfHostedChoice(Read("license_type"), Read("support_plan"), updates);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued license {LicenseId} for fulfilment {FulfillmentId} of {ProductSlug}")]
    private static partial void LogIssued(ILogger logger, Guid licenseId, long fulfillmentId, string productSlug);
}

internal sealed class LicenseIssueException(string message) : Exception(message);

/// <summary>Encrypts keys for display to their owner; the purpose string ties the ciphertext to this use only.</summary>
internal sealed class LicenseKeyProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Vozex.Licensing.LicenseKey.v1");

    public string Protect(string key) => _protector.Protect(key);

    public string Unprotect(string protectedKey) => _protector.Unprotect(protectedKey);
}
