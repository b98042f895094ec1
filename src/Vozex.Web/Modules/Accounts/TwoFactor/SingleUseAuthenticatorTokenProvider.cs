using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Vozex.Web.Modules.Accounts.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Accounts.TwoFactor;

/// <summary>
/// Authenticator-app codes that work once. Identity's own provider accepts a code again for as long as it is in its
/// window (dotnet/aspnetcore#14423), so a code seen over a shoulder or in a log could sign in a second time within
/// about 90 seconds. RFC 6238 §5.2 asks the verifier to refuse that: here a code is accepted only if its time step is
/// later than the last accepted one, and the step is claimed with one conditional update, so of two requests racing
/// with the same code exactly one wins. The window is Identity's: two 30-second steps either side of now.
/// </summary>
internal sealed class SingleUseAuthenticatorTokenProvider(MarketplaceDbContext db, TimeProvider time) : AuthenticatorTokenProvider<VozexUser>
{
    public const string Name = "VozexAuthenticator";

    private static readonly VerificationWindow Window = new(previous: 2, future: 2);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<VozexUser> manager, VozexUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, token, out var step, Window)) return false;

        // The claim also turns the concurrency stamp, so a request still holding an older copy of the user cannot write
        // the earlier step back with Identity's whole-row update (it gets Identity's concurrency failure instead).
        var stamp = Guid.NewGuid().ToString();
        var claimed = await db.Set<VozexUser>()
            .Where(u => u.Id == user.Id && (u.LastAuthenticatorStep == null || u.LastAuthenticatorStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastAuthenticatorStep, step).SetProperty(u => u.ConcurrencyStamp, stamp));
        if (claimed == 1)
        {
            Adopt(user, step, stamp);
            return true;
        }
        // Lost to another request (or a replay): this request's copy takes the current values, so its own later save
        // (counting the failed attempt) neither fails nor rolls the step back.
        var current = await db.Set<VozexUser>().AsNoTracking().Where(u => u.Id == user.Id)
            .Select(u => new { u.LastAuthenticatorStep, u.ConcurrencyStamp }).SingleAsync();
        Adopt(user, current.LastAuthenticatorStep, current.ConcurrencyStamp);
        return false;
    }

    /// <summary>Makes the tracked user match the row as written, current and original values both, so it stays unchanged.</summary>
    private void Adopt(VozexUser user, long? step, string? stamp)
    {
        user.LastAuthenticatorStep = step;
        user.ConcurrencyStamp = stamp;
        var entry = db.Entry(user);
        if (entry.State == EntityState.Detached) return;
        entry.Property(u => u.LastAuthenticatorStep).OriginalValue = step;
        entry.Property(u => u.ConcurrencyStamp).OriginalValue = stamp;
    }
}
