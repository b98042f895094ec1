namespace Vozex.Web.Modules.Accounts.Contracts;

/// <summary>An account as other modules see it: enough to address mail, show a name and check a role.</summary>
/// <param name="Id">The account id, the same value as <c>ClaimsPrincipal.UserId()</c>.</param>
/// <param name="Email">The sign-in email address, where mail for the account goes.</param>
/// <param name="Name">The display name (the email's local part when none was given).</param>
/// <param name="Roles">Role names from <see cref="Platform.Security.Roles"/>.</param>
/// <param name="CreatedAt">When the account was created.</param>
public sealed record AccountInfo(Guid Id, string Email, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt)
{
    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}

/// <summary>Looks accounts up for other modules (order receipts, provider assignment, admin screens). Read-mostly; scoped.</summary>
public interface IAccountDirectory
{
    /// <summary>The account with this id, or null when there is none.</summary>
    Task<AccountInfo?> FindAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The account signed in with this email address (case-insensitive), or null.</summary>
    Task<AccountInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>The accounts with these ids, keyed by id; unknown ids are left out. One query for a whole list.</summary>
    Task<IReadOnlyDictionary<Guid, AccountInfo>> FindManyAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken);

    /// <summary>Grants a role (e.g. <c>Roles.Provider</c> when an administrator registers a provider). False when the account does not exist.</summary>
    Task<bool> AddToRoleAsync(Guid userId, string role, CancellationToken cancellationToken);

    /// <summary>
    /// The account with this email in <paramref name="role"/>, created when missing with an unguessable password that is
    /// never shown: its owner sets their own through "forgot password". For accounts others open on someone's behalf
    /// (an administrator registering a provider, the demo seed).
    /// </summary>
    Task<AccountInfo> EnsureAccountAsync(string email, string name, string role, CancellationToken cancellationToken);
}

/// <summary>
/// Delivers a password-reset link. The default only logs that a link was requested (never the link);
/// the Notifications module replaces it with mail through its outbox.
/// </summary>
public interface IPasswordResetLinkSender
{
    Task SendAsync(AccountInfo account, Uri resetLink, CancellationToken cancellationToken);
}
