using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.ServiceOrders.Domain;
using Vozex.Web.Platform;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.ServiceOrders.Seed;

/// <summary>
/// Demo providers covering every skill the demo service products require. Their accounts get unguessable passwords;
/// to try the provider portal, use "forgot password" for one of them and read the link in the local mailbox.
/// </summary>
internal sealed class DemoProviders(IOptions<SeedOptions> options, IAccountDirectory accounts, TimeProvider time) : IDataSeeder
{
    public int Order => 20;

    public static readonly IReadOnlyList<(string Email, string Name, string[] Skills, int Capacity)> Providers =
    [
        ("mara.lind@providers.vozex.local", "Mara Lind", ["branding", "graphic_design", "illustration", "ui_ux_design"], 3),
        ("jonas.ek@providers.vozex.local", "Jonas Ek", ["branding", "graphic_design"], 2),
        ("priya.nair@providers.vozex.local", "Priya Nair", ["android", "flutter", "ios", "ui_ux_design"], 2),
        ("tomas.ruiz@providers.vozex.local", "Tomás Ruiz", ["android", "ios", "ui_ux_design"], 3),
        ("lea.weber@providers.vozex.local", "Lea Weber", ["react", "ui_ux_design", "wordpress"], 3),
        ("sam.okafor@providers.vozex.local", "Sam Okafor", ["cloud_devops", "dotnet", "react"], 2),
        ("nadia.haddad@providers.vozex.local", "Nadia Haddad", ["cloud_devops", "linux_admin", "networking", "windows_server"], 4),
        ("ken.sato@providers.vozex.local", "Ken Sato", ["networking", "windows_server"], 3),
    ];

    public async Task SeedAsync(MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        if (!options.Value.Demo || await db.Set<Provider>().AnyAsync(cancellationToken)) return;
        var now = time.GetUtcNow();
        foreach (var (email, name, skills, capacity) in Providers)
        {
            var account = await accounts.EnsureAccountAsync(email, name, Roles.Provider, cancellationToken);
            db.Add(new Provider { Id = account.Id, Name = name, Email = email, Skills = [.. skills], Capacity = capacity, CreatedAt = now, UpdatedAt = now });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another node seeded them first
        }
    }
}
