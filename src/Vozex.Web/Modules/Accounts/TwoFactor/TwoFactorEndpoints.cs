using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vozex.Web.Modules.Accounts.TwoFactor;

internal sealed record TwoFactorCodeRequest(string? Code);

internal sealed record RecoveryCodesView(IReadOnlyList<string> RecoveryCodes);

internal static class TwoFactorEndpoints
{
    public static RouteGroupBuilder MapTwoFactorApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me/two-factor").RequireAuthorization(TwoFactorPolicies.AdminEnrolment).WithTags("Auth");
        group.MapGet("", async (ClaimsPrincipal user, TwoFactorEnrolment enrolment) =>
                await enrolment.StateAsync(user) is { } state ? Results.Ok(state) : Results.Unauthorized())
            .WithName("GetTwoFactor")
            .WithSummary("Administrators: whether TOTP sign-in is on; while it is off, the shared key and otpauth:// URI to enrol an authenticator app.");
        group.MapPost("/enable", Enable).WithName("EnableTwoFactor")
            .WithSummary("Turns TOTP sign-in on with a current code from the authenticator app; answers the recovery codes, shown once.");
        group.MapPost("/recovery-codes", NewCodes).WithName("NewRecoveryCodes")
            .WithSummary("Replaces the recovery codes (a current code is required).");
        group.MapPost("/disable", Disable).WithName("DisableTwoFactor")
            .WithSummary("Turns TOTP sign-in off with a current code; refused (409) while Vozex:Admin:RequireTwoFactor is true.");
        return api;
    }

    private static async Task<Results<Ok<RecoveryCodesView>, ValidationProblem>> Enable(TwoFactorCodeRequest body, ClaimsPrincipal user, TwoFactorEnrolment enrolment)
    {
        var (codes, error) = await enrolment.EnableAsync(user, body.Code, refreshCookie: false);
        return codes is null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [error!] }, title: "Two-factor sign-in was not turned on.")
            : TypedResults.Ok(new RecoveryCodesView(codes));
    }

    private static async Task<Results<Ok<RecoveryCodesView>, ValidationProblem>> NewCodes(TwoFactorCodeRequest body, ClaimsPrincipal user, TwoFactorEnrolment enrolment)
    {
        var (codes, error) = await enrolment.NewRecoveryCodesAsync(user, body.Code);
        return codes is null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [error!] })
            : TypedResults.Ok(new RecoveryCodesView(codes));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Disable(
        TwoFactorCodeRequest body, ClaimsPrincipal user, TwoFactorEnrolment enrolment, Microsoft.Extensions.Options.IOptionsMonitor<AdminSecurityOptions> options)
    {
        if (options.CurrentValue.RequireTwoFactor && user.IsInRole(Platform.Security.Roles.Admin))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Two-factor sign-in is required",
                detail: "Administrators cannot turn two-factor sign-in off while Vozex:Admin:RequireTwoFactor is true.");
        var error = await enrolment.DisableAsync(user, body.Code, refreshCookie: false);
        return error is null ? TypedResults.NoContent() : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [error] });
    }
}

internal static class TwoFactorRegistration
{
    public static IServiceCollection AddAdminTwoFactor(this IServiceCollection services)
    {
        services.AddOptions<AdminSecurityOptions>().BindConfiguration(AdminSecurityOptions.Section);
        services.AddScoped<IAuthorizationHandler, AdminTwoFactorHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, TwoFactorEnrolmentResultHandler>();
        services.AddScoped<TwoFactorEnrolment>();
        return services;
    }
}
