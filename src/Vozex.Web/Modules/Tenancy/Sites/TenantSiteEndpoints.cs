using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vozex.Web.Modules.Tenancy.Data;
using Vozex.Web.Modules.Tenancy.Provisioning;
using Vozex.Web.Platform.Security;

namespace Vozex.Web.Modules.Tenancy.Sites;

public sealed record TenantLoginRequest(string? Username, string? Password);

public sealed record TenantLoginResponse(string AccessToken, string TokenType, long ExpiresIn, bool MustChangePassword);

public sealed record TenantChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record TenantInfoResponse(
    Guid TenantId, string ProductType, string Plan, IReadOnlyList<string> Features, IReadOnlyDictionary<string, int> Limits, string Status,
    IReadOnlyDictionary<string, int> StarterData, int Users);

public sealed record TenantAddUserRequest(string? Username, string? DisplayName, string? Password);

/// <summary>The tenant site (API.md "Tenant sites"): its JSON API and its /admin pages, served only on tenant hosts.</summary>
internal static class TenantSiteEndpoints
{
    public static IEndpointRouteBuilder MapTenantSites(this IEndpointRouteBuilder app, string baseDomain)
    {
        var host = $"*.{baseDomain}";
        var api = app.MapGroup("/api/tenant").RequireHost(host).WithMetadata(new TenantSiteEndpointMetadata()).WithTags("Tenant site");
        api.MapPost("/auth/login", Login).RequireRateLimiting(RateLimitPolicies.SignIn).WithName("TenantLogin");
        api.MapPost("/auth/change-password", ChangePassword).WithName("TenantChangePassword");
        api.MapGet("/info", Info).WithName("TenantInfo");
        api.MapPost("/users", AddUser).WithName("TenantAddUser");

        var pages = app.MapGroup("/admin").RequireHost(host).WithMetadata(new TenantSiteEndpointMetadata()).ExcludeFromDescription();
        pages.MapGet("", AdminPage);
        pages.MapPost("/login", PageLogin).RequireRateLimiting(RateLimitPolicies.SignIn);
        pages.MapPost("/change-password", PageChangePassword);
        pages.MapPost("/users", PageAddUser);
        pages.MapPost("/logout", PageLogout);
        pages.MapGet("/sso", PageSso);
        return app;
    }

    private static TenantSite Site(HttpContext context) =>
        context.Features.Get<TenantSite>() ?? throw new InvalidOperationException("The tenant site middleware did not resolve this request.");

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);

    private static async Task<Results<Ok<TenantLoginResponse>, ProblemHttpResult>> Login(
        TenantLoginRequest body, HttpContext context, TenantSiteSession session, CancellationToken ct)
    {
        var site = Site(context);
        await using var db = session.Open(site);
        if (await session.PasswordSignInAsync(db, body.Username, body.Password, ct) is not { } user)
            return Unauthorized("The username or password is not correct.");
        return TypedResults.Ok(new TenantLoginResponse(session.Issue(site, user, TenantSignIn.Password), "Bearer",
            (long)session.Lifetime.TotalSeconds, user.MustChangePassword));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        TenantChangePasswordRequest body, HttpContext context, TenantSiteSession session, CancellationToken ct)
    {
        var site = Site(context);
        await using var db = session.Open(site);
        if (await session.AuthenticateAsync(db, site, Bearer(context.Request), ct) is not { } auth) return Unauthorized("Sign in first.");
        if (await session.ChangePasswordAsync(db, site, auth.User, body.CurrentPassword, body.NewPassword, ct) is { } errors)
            return TypedResults.ValidationProblem(errors, title: "The password was not changed.");
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TenantInfoResponse>, ProblemHttpResult>> Info(HttpContext context, TenantSiteSession session, CancellationToken ct)
    {
        var site = Site(context);
        await using var db = session.Open(site);
        if (await session.AuthenticateAsync(db, site, Bearer(context.Request), ct) is not { } auth) return Unauthorized("Sign in first.");
        if (MustChangeFirst(auth)) return PasswordChangeRequired();
        var overview = await session.OverviewAsync(db, ct);
        return TypedResults.Ok(new TenantInfoResponse(overview.TenantId, overview.ProductType, overview.Plan, overview.Features, overview.Limits,
            "active", overview.StarterData, overview.Users.Count));
    }

    private static async Task<Results<Created, ValidationProblem, ProblemHttpResult>> AddUser(
        TenantAddUserRequest body, HttpContext context, TenantSiteSession session, CancellationToken ct)
    {
        var site = Site(context);
        await using var db = session.Open(site);
        if (await session.AuthenticateAsync(db, site, Bearer(context.Request), ct) is not { } auth) return Unauthorized("Sign in first.");
        if (MustChangeFirst(auth)) return PasswordChangeRequired();
        if (auth.User.Role != TenantRoles.Admin)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only the tenant administrator adds users.");
        return await AddUserCore(db, session, body.Username, body.DisplayName, body.Password, ct) switch
        {
            (AddUserOutcome.Added, _) => TypedResults.Created(),
            (AddUserOutcome.LimitReached, _) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "User limit reached",
                detail: "The plan's user limit is reached. Upgrade the plan to add more users."),
            (_, var errors) => TypedResults.ValidationProblem(errors!, title: "The user was not added."),
        };
    }

    private static async Task<(AddUserOutcome, Dictionary<string, string[]>?)> AddUserCore(TenantDbContext db, TenantSiteSession session,
        string? username, string? displayName, string? password, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = username?.Trim().ToLowerInvariant() ?? "";
        if (name.Length is < 3 or > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
            errors["username"] = ["Use 3 to 100 letters, digits, '.', '-', '_' or '@'."];
        if (TenantPasswords.Validate(password) is { } problem) errors["password"] = [problem];
        if (errors.Count > 0) return (AddUserOutcome.UsernameTaken, errors);
        var outcome = await session.AddUserAsync(db, name, string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(), password!, ct);
        return outcome == AddUserOutcome.UsernameTaken
            ? (outcome, new Dictionary<string, string[]> { ["username"] = ["This username is taken."] })
            : (outcome, null);
    }

    /// <summary>A password sign-in with the temporary password must change it before anything else; "Open admin" is already the owner.</summary>
    private static bool MustChangeFirst((TenantUser User, TenantPrincipal Principal) auth) =>
        auth.User.MustChangePassword && auth.Principal.SignIn == TenantSignIn.Password;

    private static ProblemHttpResult PasswordChangeRequired() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Password change required",
            detail: "Change the temporary password first (POST /api/tenant/auth/change-password).");

    // Pages ------------------------------------------------------------------------------------------------------------

    private static async Task<IResult> AdminPage(HttpContext context, TenantSiteSession session, IAntiforgery antiforgery, CancellationToken ct)
    {
        var site = Site(context);
        await using var db = session.Open(site);
        var auth = await session.AuthenticateAsync(db, site, context.Request.Cookies[TenantSiteSession.CookieName], ct);
        var form = Form(antiforgery, context);
        if (auth is null) return Html("Sign in", SignInBody(site, form, context.Request.Query["error"].ToString()));
        if (MustChangeFirst(auth.Value)) return Html("Choose a new password", ChangePasswordBody(form, context.Request.Query["error"].ToString()));
        var overview = await session.OverviewAsync(db, ct);
        return Html($"{overview.ProductName} admin", ConsoleBody(site, overview, auth.Value.User, form, context.Request.Query["notice"].ToString()));
    }

    private static async Task<IResult> PageLogin(IFormCollection form, HttpContext context, TenantSiteSession session, CancellationToken ct)
    {
        var site = Site(context);
        await using var db = session.Open(site);
        if (await session.PasswordSignInAsync(db, form["username"], form["password"], ct) is not { } user)
            return TypedResults.Redirect("/admin?error=signin");
        SetCookie(context, session, session.Issue(site, user, TenantSignIn.Password));
        return TypedResults.Redirect("/admin");
    }

    private static async Task<IResult> PageChangePassword(IFormCollection form, HttpContext context, TenantSiteSession session, CancellationToken ct)
    {
        var site = Site(context);
        await using var db = session.Open(site);
        if (await session.AuthenticateAsync(db, site, context.Request.Cookies[TenantSiteSession.CookieName], ct) is not { } auth)
            return TypedResults.Redirect("/admin");
        if (await session.ChangePasswordAsync(db, site, auth.User, form["current_password"], form["new_password"], ct) is not null)
            return TypedResults.Redirect("/admin?error=password");
        SetCookie(context, session, session.Issue(site, auth.User, auth.Principal.SignIn));
        return TypedResults.Redirect("/admin?notice=password");
    }

    private static async Task<IResult> PageAddUser(IFormCollection form, HttpContext context, TenantSiteSession session, CancellationToken ct)
    {
        var site = Site(context);
        await using var db = session.Open(site);
        if (await session.AuthenticateAsync(db, site, context.Request.Cookies[TenantSiteSession.CookieName], ct) is not { } auth
            || MustChangeFirst(auth) || auth.User.Role != TenantRoles.Admin)
            return TypedResults.Redirect("/admin");
        var (outcome, errors) = await AddUserCore(db, session, form["username"], form["display_name"], form["password"], ct);
        var notice = errors is not null ? "user-invalid" : outcome == AddUserOutcome.LimitReached ? "user-limit" : "user-added";
        return TypedResults.Redirect($"/admin?notice={notice}");
    }

    private static IResult PageLogout(IFormCollection form, HttpContext context)
    {
        context.Response.Cookies.Delete(TenantSiteSession.CookieName);
        return TypedResults.Redirect("/admin");
    }

    private static async Task<IResult> PageSso([FromQuery] string? token, HttpContext context, TenantSiteSession session, CancellationToken ct)
    {
        var site = Site(context);
        if (!await session.RedeemSsoAsync(site, token, ct))
            return Html("Sign-in link expired", "<section><h1>This sign-in link has expired or was already used</h1>"
                + "<p>Open the admin again from your VOZEX dashboard, or <a href=\"/admin\">sign in with your password</a>.</p></section>",
                StatusCodes.Status410Gone);
        await using var db = session.Open(site);
        var admin = await db.Users.FirstAsync(u => u.Username == TenantProvisioningDriver.AdminUsername, ct);
        SetCookie(context, session, session.Issue(site, admin, TenantSignIn.SingleSignOn));
        return TypedResults.Redirect("/admin");
    }

    private static void SetCookie(HttpContext context, TenantSiteSession session, string token) =>
        // Host-only (no Domain): the browser sends it to this tenant's host and no other.
        context.Response.Cookies.Append(TenantSiteSession.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = session.Lifetime,
        });

    private static string Form(IAntiforgery antiforgery, HttpContext context)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken ?? "")}\">";
    }

    private static ContentHttpResult Html(string title, string body, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(TenantPageHtml.Document(title, body), "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static string SignInBody(TenantSite site, string antiforgery, string error) =>
        $"<section><h1>Sign in to {E(site.Slug)}</h1>"
        + (error == "signin" ? "<p class=\"error\" role=\"alert\">The username or password is not correct.</p>" : "")
        + $"<form method=\"post\" action=\"/admin/login\">{antiforgery}"
        + "<label>Username <input name=\"username\" autocomplete=\"username\" required></label>"
        + "<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
        + "<button type=\"submit\">Sign in</button></form></section>";

    private static string ChangePasswordBody(string antiforgery, string error) =>
        "<section><h1>Choose a new password</h1><p>You signed in with a temporary password. Choose your own to continue.</p>"
        + (error == "password" ? $"<p class=\"error\" role=\"alert\">Check the current password, and use at least {TenantPasswords.MinLength} characters for the new one.</p>" : "")
        + $"<form method=\"post\" action=\"/admin/change-password\">{antiforgery}"
        + "<label>Current password <input name=\"current_password\" type=\"password\" autocomplete=\"current-password\" required></label>"
        + "<label>New password <input name=\"new_password\" type=\"password\" autocomplete=\"new-password\" required></label>"
        + "<button type=\"submit\">Change password</button></form></section>";

    private static string ConsoleBody(TenantSite site, TenantOverview o, TenantUser me, string antiforgery, string notice)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<section><h1>{E(o.ProductName)}</h1><p>Site <strong>{E(site.Slug)}</strong> · signed in as {E(me.Username)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/admin/logout\">{antiforgery}<button type=\"submit\">Sign out</button></form></section>");
        if (notice.Length > 0)
            html.Append(CultureInfo.InvariantCulture, $"<p role=\"status\">{E(notice switch
            {
                "password" => "Your password was changed.",
                "user-added" => "The user was added.",
                "user-limit" => "Your plan's user limit is reached.",
                _ => "The user was not added: check the username and use a password of at least 10 characters.",
            })}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>Plan</h2><p data-plan=\"{E(o.Plan)}\"><strong>{E(o.PlanName)}</strong></p><ul>");
        foreach (var feature in o.PlanFeatures) html.Append(CultureInfo.InvariantCulture, $"<li>{E(feature)}</li>");
        html.Append("</ul><h3>Add-ons</h3><ul>");
        foreach (var feature in o.Features) html.Append(CultureInfo.InvariantCulture, $"<li data-feature=\"{E(feature)}\">{E(feature)}</li>");
        if (o.Features.Count == 0) html.Append("<li>None</li>");
        html.Append("</ul><h3>Limits</h3><table>");
        foreach (var (key, value) in o.Limits) html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(key)}</th><td>{value}</td></tr>");
        html.Append("</table></section><section><h2>Starter data</h2><table>");
        foreach (var (kind, count) in o.StarterData) html.Append(CultureInfo.InvariantCulture, $"<tr data-kind=\"{E(kind)}\"><th>{E(kind.Replace('_', ' '))}</th><td>{count}</td></tr>");
        html.Append("</table></section><section><h2>Users</h2><table><tr><th>Username</th><th>Name</th><th>Role</th></tr>");
        foreach (var user in o.Users) html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(user.Username)}</td><td>{E(user.DisplayName)}</td><td>{E(user.Role)}</td></tr>");
        html.Append("</table>");
        if (me.Role == TenantRoles.Admin)
            html.Append($"<form method=\"post\" action=\"/admin/users\">{antiforgery}<h3>Add a user</h3>"
                + "<label>Username <input name=\"username\" required></label><label>Name <input name=\"display_name\"></label>"
                + "<label>Temporary password <input name=\"password\" type=\"password\" required></label><button type=\"submit\">Add user</button></form>");
        html.Append("</section>");
        return html.ToString();
    }
}
