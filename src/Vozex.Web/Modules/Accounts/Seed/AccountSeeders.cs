using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Accounts.Domain;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Accounts.Seed;

/// <summary>Creates the three roles. Idempotent, and safe when several nodes start at once (the unique role name decides).</summary>
internal sealed class RoleSeeder(RoleManager<IdentityRole<Guid>> roles) : IDataSeeder
{
    public int Order => 1;

    public async Task SeedAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        foreach (var name in Roles.All)
        {
            if (await roles.RoleExistsAsync(name)) continue;
            try
            {
                var result = await roles.CreateAsync(new IdentityRole<Guid>(name) { Id = Guid.CreateVersion7() });
                if (!result.Succeeded && !await roles.RoleExistsAsync(name))
                    throw new InvalidOperationException($"Could not create role {name}: {string.Join(" ", result.Errors.Select(e => e.Code))}");
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (!await roles.RoleExistsAsync(name)) throw;
            }
        }
    }
}

/// <summary>Shows the generated administrator password once. The console, not the logger, so it never reaches structured logs.</summary>
internal interface IBootstrapConsole
{
    void AnnounceGeneratedAdministrator(string email, string password);
}

internal sealed class BootstrapConsole : IBootstrapConsole
{
    public void AnnounceGeneratedAdministrator(string email, string password)
    {
        var rule = new string('=', 72);
        Console.WriteLine();
        Console.WriteLine(rule);
        Console.WriteLine("  VOZEX: an administrator account was created");
        Console.WriteLine();
        Console.WriteLine("    email:    " + email);
        Console.WriteLine("    password: " + password);
        Console.WriteLine();
        Console.WriteLine("  This password is shown once and never again. Sign in at /account/login");
        Console.WriteLine("  and keep it safe, or set Vozex:Bootstrap:AdminEmail and");
        Console.WriteLine("  Vozex:Bootstrap:AdminPassword before the first start.");
        Console.WriteLine(rule);
        Console.WriteLine();
    }
}

/// <summary>
/// Makes sure an administrator exists. With none, creates one from Vozex:Bootstrap (or admin@vozex.local with a
/// generated password, announced once). An account that already has the configured address is promoted instead,
/// and its password is left alone. When several nodes start together only the one whose insert wins announces.
/// </summary>
internal sealed partial class BootstrapAdminSeeder(
    UserManager<VozexUser> users,
    IOptions<BootstrapOptions> options,
    IBootstrapConsole console,
    TimeProvider time,
    ILogger<BootstrapAdminSeeder> logger) : IDataSeeder
{
    public int Order => 2;

    public async Task SeedAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return;

        var settings = options.Value;
        var email = string.IsNullOrWhiteSpace(settings.AdminEmail) ? BootstrapOptions.DefaultAdminEmail : settings.AdminEmail.Trim();
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            try
            {
                var promoted = await users.AddToRoleAsync(existing, Roles.Admin);
                if (!promoted.Succeeded && !Raced(promoted)) Check(promoted, "promote the bootstrap administrator");
                LogPromoted(logger, existing.Id);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another node promoted it at the same moment
            }
            return;
        }

        var generated = string.IsNullOrEmpty(settings.AdminPassword);
        var password = generated ? PasswordRules.Generate() : settings.AdminPassword!;
        var admin = new VozexUser
        {
            Email = email,
            UserName = email,
            EmailConfirmed = true,
            Name = "Administrator",
            CreatedAt = time.GetUtcNow(),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                var created = await users.CreateAsync(admin, password);
                if (!created.Succeeded && Raced(created))
                {
                    // Another node's administrator committed between our check and our insert.
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return;
                }
                Check(created, "create the bootstrap administrator from Vozex:Bootstrap");
                Check(await users.AddToRoleAsync(admin, Roles.Admin), "make the bootstrap account an administrator");
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node created it at the same moment; that node announces the password.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                if (await users.FindByEmailAsync(email) is null) throw;
                return;
            }
        }
        LogCreated(logger, admin.Id, generated);
        if (generated) console.AnnounceGeneratedAdministrator(email, password);
    }

    /// <summary>Failures that mean another node did the same work first.</summary>
    private static bool Raced(IdentityResult result) =>
        result.Errors.All(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)
            or nameof(IdentityErrorDescriber.UserAlreadyInRole));

    private static void Check(IdentityResult result, string what)
    {
        // Error codes and descriptions only: Identity's messages never contain the password.
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No administrator existed; created bootstrap administrator {AccountId} (generated password: {Generated})")]
    private static partial void LogCreated(ILogger logger, Guid accountId, bool generated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No administrator existed; promoted existing account {AccountId} to administrator")]
    private static partial void LogPromoted(ILogger logger, Guid accountId);
}
