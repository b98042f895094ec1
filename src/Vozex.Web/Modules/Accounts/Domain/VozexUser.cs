using Microsoft.AspNetCore.Identity;

namespace Vozex.Web.Modules.Accounts.Domain;

/// <summary>A marketplace account: customers, administrators and service providers alike (roles tell them apart).</summary>
internal sealed class VozexUser : IdentityUser<Guid>
{
    public const int NameMaxLength = 100;

    /// <summary>Version 7 ids sort by creation time, which keeps the users index append-only.</summary>
    public VozexUser() => Id = Guid.CreateVersion7();

    /// <summary>The name shown in the header, on orders and to providers.</summary>
    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The authenticator time step whose code was last accepted; codes of that step or earlier are refused.</summary>
    public long? LastAuthenticatorStep { get; set; }
}
