using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vozex.Web.Modules.Accounts.Admin;
using Vozex.Web.Modules.Accounts.Auth;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Accounts.Domain;
using Vozex.Web.Modules.Accounts.Seed;
using Vozex.Web.Modules.Accounts.TwoFactor;
using Vozex.Web.Platform.Data;
using Vozex.Web.Platform.Http;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Accounts;

public static class AccountsModule
{
    /// <summary>
    /// The default authentication scheme: forwards to the bearer-token scheme when the request carries
    /// <c>Authorization: Bearer</c>, otherwise to the Identity session cookie. Endpoints name policies, never schemes.
    /// </summary>
    public const string BearerOrCookieScheme = "Vozex.BearerOrCookie";

    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var accounts = builder.Configuration.GetSection(AccountsOptions.Section).Get<AccountsOptions>() ?? new AccountsOptions();

        services.AddIdentityCore<VozexUser>(o =>
            {
                o.Password.RequiredLength = PasswordRules.MinLength;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                // The user name is the email address, which EmailAddressRules has already judged.
                o.User.AllowedUserNameCharacters = "";
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.AuthenticatorTokenProvider = SingleUseAuthenticatorTokenProvider.Name;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<MarketplaceDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(SingleUseAuthenticatorTokenProvider.Name)
            .AddErrorDescriber<VozexIdentityErrorDescriber>()
            .AddPasswordValidator<RequireLetterPasswordValidator<VozexUser>>()
            .AddClaimsPrincipalFactory<VozexClaimsPrincipalFactory>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(accounts.PasswordResetLinkHours));
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = BearerOrCookieScheme;
                o.DefaultChallengeScheme = BearerOrCookieScheme;
                o.DefaultForbidScheme = BearerOrCookieScheme;
            })
            .AddPolicyScheme(BearerOrCookieScheme, "Bearer token or session cookie", o =>
                o.ForwardDefaultSelector = context => HasBearerToken(context.Request)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromMinutes(accounts.AccessTokenMinutes))
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = ".vozex.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.AccessDeniedPath = "/account/access-denied";
            o.ReturnUrlParameter = "returnUrl";
            o.ExpireTimeSpan = TimeSpan.FromDays(accounts.SessionDays);
            o.SlidingExpiration = true;
            // Machines get status codes (made problem documents by the platform), people get the sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Customer, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin).AddRequirements(new AdminTwoFactorRequirement()))
            .AddPolicy(TwoFactorPolicies.AdminEnrolment, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(Policies.Provider, p => p.RequireAuthenticatedUser().RequireRole(Roles.Provider));

        services.AddRateLimiter(o => o.AddPolicy(RateLimitPolicies.SignIn, context =>
            HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(RateLimiting.ClientPartition(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<AccountsOptions>>().Value.LoginRateLimitPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("reads")));

        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", OpenApiSecurity.Configure);

        services.AddAdminTwoFactor();
        services.AddScoped<AccountService>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<IAccountDirectory, AccountDirectory>();
        services.TryAddScoped<IPasswordResetLinkSender, LoggingPasswordResetLinkSender>();
        services.TryAddSingleton<IBootstrapConsole, BootstrapConsole>();
        services.AddScoped<IDataSeeder, RoleSeeder>();
        services.AddScoped<IDataSeeder, BootstrapAdminSeeder>();
        return builder;
    }

    /// <summary>The JSON API: /auth/register, /auth/login, /auth/refresh, password reset, /me and /admin/users.</summary>
    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api) => api.MapAuthApi().MapAdminUsersApi().MapTwoFactorApi();

    /// <summary>Page endpoints that are not components: sign-out (POST with antiforgery, then back to a local page).</summary>
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        app.MapPost(LogoutPath, async (SignInManager<VozexUser> signIn, [FromForm] string? returnUrl) =>
            {
                await signIn.SignOutAsync();
                return TypedResults.LocalRedirect(LocalReturnUrl.Sanitize(returnUrl));
            })
            .ExcludeFromDescription();
        return app;
    }

    internal static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectOrStatus(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.IsApiRequest()) context.Response.StatusCode = status;
        else context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Adds the display name to the claims Identity puts on a signed-in principal (id, email, roles, security stamp).</summary>
internal sealed class VozexClaimsPrincipalFactory(
    UserManager<VozexUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<VozexUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(VozexUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AccountClaims.DisplayNameType, user.Name));
        return identity;
    }
}
