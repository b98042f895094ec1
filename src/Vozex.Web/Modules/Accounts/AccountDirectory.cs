using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Accounts.Data;
using Vozex.Web.Modules.Accounts.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Accounts;

internal sealed class AccountDirectory(MarketplaceDbContext db, UserManager<VozexUser> users, ILookupNormalizer normalizer, TimeProvider time) : IAccountDirectory
{
    public async Task<AccountInfo?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        (await FindManyAsync([userId], cancellationToken)).GetValueOrDefault(userId);

    public async Task<AccountInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = normalizer.NormalizeEmail(email.Trim());
        var id = await db.Users().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? await FindAsync(found, cancellationToken) : null;
    }

    public async Task<IReadOnlyDictionary<Guid, AccountInfo>> FindManyAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<Guid, AccountInfo>();
        var accounts = await db.Users().AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.Name, u.CreatedAt })
            .ToListAsync(cancellationToken);
        var roles = await RolesOfAsync(db, ids, cancellationToken);
        return accounts.ToDictionary(a => a.Id, a => new AccountInfo(a.Id, a.Email ?? "", a.Name, roles.GetValueOrDefault(a.Id, []), a.CreatedAt));
    }

    public async Task<bool> AddToRoleAsync(Guid userId, string role, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role, StringComparer.Ordinal))
            throw new ArgumentOutOfRangeException(nameof(role), role, "Not a marketplace role.");
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return false;
        if (await users.IsInRoleAsync(user, role)) return true;
        var result = await users.AddToRoleAsync(user, role);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not grant role {role}: {string.Join(" ", result.Errors.Select(e => e.Code))}");
        // Sessions pick the role up without signing out: cookies at their next security-stamp check, API clients at their next refresh.
        return true;
    }

    public async Task<AccountInfo> EnsureAccountAsync(string email, string name, string role, CancellationToken cancellationToken)
    {
        var existing = await FindByEmailAsync(email, cancellationToken);
        if (existing is null)
        {
            var user = new VozexUser { UserName = email.Trim(), Email = email.Trim(), Name = name.Trim(), CreatedAt = time.GetUtcNow() };
            // 32 random bytes plus every character class the password rules ask for; nobody ever sees it.
            var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "aA1!";
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Could not create the account: {string.Join(" ", created.Errors.Select(e => e.Code))}");
            existing = await FindAsync(user.Id, cancellationToken);
        }
        await AddToRoleAsync(existing!.Id, role, cancellationToken);
        return (await FindAsync(existing.Id, cancellationToken))!;
    }

    /// <summary>Role names per account, in one query.</summary>
    internal static async Task<Dictionary<Guid, string[]>> RolesOfAsync(MarketplaceDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var pairs = await (from ur in db.UserRoles()
                           join r in db.Roles() on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => g.Select(p => p.Name!).Order(StringComparer.Ordinal).ToArray());
    }
}
