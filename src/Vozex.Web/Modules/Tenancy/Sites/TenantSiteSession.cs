using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Tenancy.Data;
using Vozex.Web.Modules.Tenancy.Domain;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Tenancy.Sites;

internal sealed record TenantOverview(
    Guid TenantId, string ProductType, string ProductName, string Plan, string PlanName, IReadOnlyList<string> PlanFeatures,
    IReadOnlyList<string> Features, IReadOnlyDictionary<string, int> Limits, IReadOnlyDictionary<string, int> StarterData,
    IReadOnlyList<TenantUserView> Users);

internal sealed record TenantUserView(int Id, string Username, string DisplayName, string Role, bool MustChangePassword, DateTimeOffset CreatedAt);

internal enum AddUserOutcome
{
    Added,
    LimitReached,
    UsernameTaken,
}

/// <summary>Sign-in, password change and the console's data for one tenant site, read from the tenant's own database.</summary>
internal sealed class TenantSiteSession(
    TenantDatabases databases,
    TenantTokens tokens,
    MarketplaceDbContext marketplace,
    IOptions<TenancyOptions> options,
    TimeProvider time)
{
    public const string CookieName = ".vozex.tenant";

    public TimeSpan Lifetime => options.Value.SessionLifetime;

    public TenantDbContext Open(TenantSite site) => databases.Open(site.Database);

    public async Task<(TenantUser User, TenantPrincipal Principal)?> AuthenticateAsync(TenantDbContext db, TenantSite site, string? token, CancellationToken ct)
    {
        if (tokens.Read(token, site.Id) is not { } principal) return null;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == principal.UserId, ct);
        return user is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.SecurityStamp), Encoding.UTF8.GetBytes(principal.SecurityStamp))
            ? (user, principal)
            : null;
    }

    public async Task<TenantUser?> PasswordSignInAsync(TenantDbContext db, string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password)) return null;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == username.Trim().ToLowerInvariant(), ct);
        if (user is null || !TenantPasswords.Verify(user, password)) return null;
        user.LastSignInAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return user;
    }

    public string Issue(TenantSite site, TenantUser user, TenantSignIn signIn) =>
        tokens.Issue(new TenantPrincipal(site.Id, user.Id, user.SecurityStamp, signIn), Lifetime);

    /// <summary>Null on success; otherwise the field errors. Ends the temporary credentials and every earlier session.</summary>
    public async Task<Dictionary<string, string[]>?> ChangePasswordAsync(TenantDbContext db, TenantSite site, TenantUser user, string? current, string? next, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(current) || !TenantPasswords.Verify(user, current)) errors["current_password"] = ["The current password is not correct."];
        if (TenantPasswords.Validate(next) is { } problem) errors["new_password"] = [problem];
        else if (next == current) errors["new_password"] = ["Choose a password different from the current one."];
        if (errors.Count > 0) return errors;

        // The temporary password stops being readable first: once the customer has chosen their own, the old one is worthless
        // and must not linger in the dashboard even if the tenant database write below fails.
        if (user.Role == TenantRoles.Admin)
            await marketplace.Set<TenantCredential>().Where(c => c.TenantId == site.Id).ExecuteDeleteAsync(ct);
        user.PasswordHash = TenantPasswords.Hash(user, next!);
        user.MustChangePassword = false;
        user.SecurityStamp = TenantPasswords.NewStamp();
        user.PasswordChangedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<TenantOverview> OverviewAsync(TenantDbContext db, CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        var starter = await db.Items.AsNoTracking().GroupBy(i => i.Kind).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => new TenantUserView(u.Id, u.Username, u.DisplayName, u.Role, u.MustChangePassword, u.CreatedAt)).ToListAsync(ct);
        return new TenantOverview(
            Guid.Parse(settings[TenantSettingKeys.TenantId]),
            settings.GetValueOrDefault(TenantSettingKeys.ProductType, ""),
            settings.GetValueOrDefault(TenantSettingKeys.ProductName, ""),
            settings.GetValueOrDefault(TenantSettingKeys.Plan, ""),
            settings.GetValueOrDefault(TenantSettingKeys.PlanName, ""),
            Json<List<string>>(settings, TenantSettingKeys.PlanFeatures) ?? [],
            Json<List<string>>(settings, TenantSettingKeys.Features) ?? [],
            Json<Dictionary<string, int>>(settings, TenantSettingKeys.Limits) ?? [],
            starter,
            users);
    }

    /// <summary>Adds a staff user within the plan's "users" limit (no limit when the plan sets none).</summary>
    public async Task<AddUserOutcome> AddUserAsync(TenantDbContext db, string username, string displayName, string password, CancellationToken ct)
    {
        var limits = Json<Dictionary<string, int>>(await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct), TenantSettingKeys.Limits);
        if (limits?.TryGetValue("users", out var max) == true && await db.Users.CountAsync(ct) >= max) return AddUserOutcome.LimitReached;
        if (await db.Users.AnyAsync(u => u.Username == username, ct)) return AddUserOutcome.UsernameTaken;
        var user = new TenantUser
        {
            Username = username,
            DisplayName = displayName,
            Role = TenantRoles.Staff,
            PasswordHash = "",
            MustChangePassword = true,
            SecurityStamp = TenantPasswords.NewStamp(),
            CreatedAt = time.GetUtcNow(),
        };
        user.PasswordHash = TenantPasswords.Hash(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return AddUserOutcome.Added;
    }

    /// <summary>Uses an "Open admin" ticket at most once: the atomic update is what makes a second use fail.</summary>
    public async Task<bool> RedeemSsoAsync(TenantSite site, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200) return false;
        var hash = SsoTokens.Hash(token);
        var now = time.GetUtcNow();
        return await marketplace.Set<TenantSsoTicket>()
            .Where(t => t.TokenHash == hash && t.TenantId == site.Id && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct) == 1;
    }

    private static T? Json<T>(IReadOnlyDictionary<string, string> settings, string key) where T : class =>
        settings.TryGetValue(key, out var json) ? JsonSerializer.Deserialize<T>(json) : null;
}

internal static class SsoTokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
