using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Accounts.Domain;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Accounts.Auth;

internal sealed record RegisterRequest(string? Email, string? Password, string? Name);

/// <param name="TwoFactorCode">Needed when the account has two-factor sign-in: a current TOTP code or an unused recovery code.</param>
internal sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode = null);

internal sealed record RefreshRequest(string? RefreshToken);

internal sealed record ForgotPasswordRequest(string? Email);

internal sealed record ResetPasswordRequest(string? Email, string? Token, string? Password);

internal sealed record AccountView(Guid Id, string Email, string Name, IReadOnlyList<string> Roles)
{
    public static AccountView From(AccountInfo account) => new(account.Id, account.Email, account.Name, account.Roles);
}

internal static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth").AllowAnonymous();

        auth.MapPost("/register", Register)
            .RequireRateLimiting(RateLimitPolicies.SignIn)
            .WithName("Register").WithSummary("Creates a customer account.")
            .WithDescription("Passwords need at least 10 characters with a letter and a digit. Errors are reported per field: email, password, name.");

        auth.MapPost("/login", Login)
            .RequireRateLimiting(RateLimitPolicies.SignIn)
            .WithName("Login").WithSummary("Exchanges an email and password for a bearer access token and a refresh token.")
            .WithDescription("401 for a wrong email or password; 423 once the account is locked out (5 failures lock it for 15 minutes; Retry-After says how long); 429 when this client made too many attempts.");

        auth.MapPost("/refresh", Refresh)
            .WithName("RefreshToken").WithSummary("Exchanges a refresh token for a new token pair. Each refresh token works once.");

        auth.MapPost("/forgot-password", ForgotPassword)
            .RequireRateLimiting(RateLimitPolicies.SignIn)
            .WithName("ForgotPassword").WithSummary("Sends a password-reset link to the address if it has an account; answers 202 either way.");

        auth.MapPost("/reset-password", ResetPassword)
            .RequireRateLimiting(RateLimitPolicies.SignIn)
            .WithName("ResetPassword").WithSummary("Sets a new password with the code from a reset link (token = the link's code parameter).");

        api.MapGet("/me", Me)
            .RequireAuthorization(Policies.Customer)
            .WithTags("Auth").WithName("GetMe").WithSummary("The signed-in account: id, email, name and roles.");

        return api;
    }

    private static async Task<Results<Created<AccountView>, ValidationProblem>> Register(
        RegisterRequest request, AccountService accounts, IAccountDirectory directory, CancellationToken cancellationToken)
    {
        var (user, errors) = await accounts.RegisterAsync(request.Email, request.Password, request.Name, cancellationToken);
        if (user is null) return TypedResults.ValidationProblem(errors, title: "The account could not be created.");
        var account = await directory.FindAsync(user.Id, cancellationToken);
        return TypedResults.Created("/api/v1/me", AccountView.From(account!));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        LoginRequest request, AccountService accounts, TokenIssuer tokens, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var attempt = await accounts.CheckPasswordAsync(request.Email, request.Password, request.TwoFactorCode);
        switch (attempt.Outcome)
        {
            case SignInOutcome.Succeeded:
                return TypedResults.Ok(await tokens.IssueAsync(attempt.User!, cancellationToken));
            case SignInOutcome.LockedOut:
                if (attempt.LockedOutUntil is { } until)
                {
                    var seconds = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalSeconds));
                    http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }
                return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Account locked", detail: AccountService.LockedOutMessage);
            case SignInOutcome.Failed:
                return Unauthorized(AccountService.IncorrectCredentials);
            case SignInOutcome.RequiresTwoFactor:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Two-factor code required",
                    detail: attempt.CodeRejected ? "The two-factor code is not valid." : "This account uses two-factor sign-in: send two_factor_code as well.",
                    extensions: new Dictionary<string, object?> { ["two_factor_required"] = true });
            default:
                throw new InvalidOperationException($"Unknown sign-in outcome {attempt.Outcome}.");
        }
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        var response = await tokens.RefreshAsync(request.RefreshToken, cancellationToken);
        return response is null
            ? Unauthorized("The refresh token is unknown, expired or already used. Sign in again.")
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Accepted, ValidationProblem>> ForgotPassword(
        ForgotPasswordRequest request, AccountService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        if (!EmailAddressRules.IsValid(request.Email?.Trim()))
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [IdentityErrorFields.Email] = [VozexIdentityErrorDescriber.InvalidEmailMessage] });
        await accounts.RequestPasswordResetAsync(request.Email, SiteBase(http.Request), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ValidationProblem>> ResetPassword(
        ResetPasswordRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var errors = await accounts.ResetPasswordAsync(request.Email, request.Token, request.Password, cancellationToken);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors, title: "The password could not be reset.")
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> Me(HttpContext http, IAccountDirectory directory, CancellationToken cancellationToken)
    {
        var account = await directory.FindAsync(http.User.RequiredUserId(), cancellationToken);
        // A token can outlive its account (deleted since it was issued).
        return account is null ? Unauthorized("The account no longer exists.") : TypedResults.Ok(AccountView.From(account));
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);

    internal static Uri SiteBase(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
