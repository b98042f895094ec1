using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Accounts.Data;
using Vozex.Web.Modules.Accounts.Domain;
using Vozex.Web.Platform.Data;

namespace Vozex.Web.Modules.Accounts.Auth;

/// <summary>The body of a successful login or refresh: OAuth 2.0's token response names.</summary>
internal sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, string RefreshToken);

/// <summary>
/// Issues API tokens. The access token is an ASP.NET Core bearer token (a Data Protection ticket the bearer
/// handler validates); it is made here rather than by the handler's sign-in so the refresh token can be a
/// stored, single-use value instead of the handler's stateless one, which stays valid for its whole life.
/// </summary>
internal sealed partial class TokenIssuer(
    MarketplaceDbContext db,
    SignInManager<VozexUser> signIn,
    UserManager<VozexUser> users,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    ILogger<TokenIssuer> logger)
{
    public const string TokenType = "Bearer";

    public async Task<TokenResponse> IssueAsync(VozexUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(options.Value.AccessTokenMinutes);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var ticket = new AuthenticationTicket(principal,
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime },
            IdentityConstants.BearerScheme);
        var accessToken = bearerOptions.Get(IdentityConstants.BearerScheme).BearerTokenProtector.Protect(ticket);

        var refreshToken = RefreshToken.NewValue();
        db.RefreshTokens().Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            TokenHash = RefreshToken.Hash(refreshToken),
            SecurityStampHash = RefreshToken.Hash(user.SecurityStamp ?? ""),
            CreatedAt = now,
            ExpiresAt = now.AddDays(options.Value.RefreshTokenDays),
        });
        await db.SaveChangesAsync(cancellationToken);
        // Housekeeping on the user's own rows keeps the table small without a sweeper.
        await db.RefreshTokens().Where(t => t.UserId == user.Id && t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        return new TokenResponse(accessToken, TokenType, (long)lifetime.TotalSeconds, refreshToken);
    }

    /// <summary>Consumes a refresh token and issues the next pair; null when the token is unknown, used, expired or its account can no longer sign in.</summary>
    public async Task<TokenResponse?> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(refreshToken) || refreshToken.Length > 200) return null;
        var now = time.GetUtcNow();
        var hash = RefreshToken.Hash(refreshToken);
        var stored = await db.RefreshTokens().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (stored is null) return null;
        if (stored.ConsumedAt is not null)
        {
            // A used token presented again means two parties hold it: end every session of the account on the API.
            await RevokeAllAsync(stored.UserId, cancellationToken);
            LogReuse(logger, stored.UserId);
            return null;
        }
        if (stored.ExpiresAt <= now) return null;

        var claimed = await db.RefreshTokens()
            .Where(t => t.Id == stored.Id && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, (DateTimeOffset?)now), cancellationToken);
        if (claimed == 0) return null; // a concurrent refresh won

        var user = await users.FindByIdAsync(stored.UserId.ToString());
        if (user is null || RefreshToken.Hash(user.SecurityStamp ?? "") != stored.SecurityStampHash
            || await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
            return null;
        return await IssueAsync(user, cancellationToken);
    }

    /// <summary>Ends every API session of the account (password reset, reuse of a refresh token).</summary>
    public Task<int> RevokeAllAsync(Guid userId, CancellationToken cancellationToken) =>
        db.RefreshTokens().Where(t => t.UserId == userId && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, (DateTimeOffset?)time.GetUtcNow()), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A used refresh token of account {AccountId} was presented again; all of its refresh tokens were revoked")]
    private static partial void LogReuse(ILogger logger, Guid accountId);
}
