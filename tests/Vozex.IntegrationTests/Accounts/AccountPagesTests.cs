using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Vozex.Testing;
using Vozex.Web.Modules.Accounts.Auth;
using static Vozex.IntegrationTests.Accounts.AccountsTestClient;

namespace Vozex.IntegrationTests.Accounts;

/// <summary>The sign-up, sign-in, sign-out and reset forms over plain HTTP, as a browser without JavaScript posts them.</summary>
public sealed partial class AccountPagesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private HttpClient NewBrowser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task A_page_that_needs_an_account_redirects_to_sign_in_with_the_return_url()
    {
        var response = await NewBrowser().GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?returnUrl=%2Faccount", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Sign_up_form_signs_in_with_a_cookie_that_the_header_and_the_api_recognise()
    {
        var browser = NewBrowser();
        var email = NewEmail();
        var response = await SubmitAsync(browser, "/account/register", "register",
            new() { ["Input.Name"] = "Katherine Johnson", ["Input.Email"] = email, ["Input.Password"] = Password });
        AssertRedirectedTo("/", response);

        var home = await browser.GetStringAsync("/");
        Assert.Contains("Katherine Johnson", home);
        Assert.Contains("Sign out", home);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains(email, await browser.GetStringAsync("/account"));
    }

    [Fact]
    public async Task Sign_up_form_shows_an_error_under_each_wrong_field()
    {
        var browser = NewBrowser();
        var response = await SubmitAsync(browser, "/account/register", "register",
            new() { ["Input.Name"] = "X", ["Input.Email"] = "not-an-email", ["Input.Password"] = "short" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("id=\"email-error\"[^>]*>Enter a valid email address", html);
        Assert.Matches("id=\"password-error\"[^>]*>Use at least 10 characters", html);
        Assert.DoesNotContain("id=\"name-error\"", html);
        Assert.Contains("value=\"not-an-email\"", html); // what was typed is kept
    }

    [Fact]
    public async Task Sign_in_follows_a_local_return_url_and_ignores_a_foreign_one()
    {
        var email = NewEmail();
        await app.Factory.CreateClient().RegisterAsync(email);

        var local = await SubmitAsync(NewBrowser(), "/account/login?returnUrl=%2Faccount", "login",
            new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        AssertRedirectedTo("/account", local);

        foreach (var foreign in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example/" })
        {
            var response = await SubmitAsync(NewBrowser(), "/account/login?returnUrl=" + Uri.EscapeDataString(foreign), "login",
                new() { ["Input.Email"] = email, ["Input.Password"] = Password });
            AssertRedirectedTo("/", response);
        }
    }

    [Fact]
    public async Task Sign_in_with_a_wrong_password_says_so_on_the_page()
    {
        var email = NewEmail();
        await app.Factory.CreateClient().RegisterAsync(email);
        var response = await SubmitAsync(NewBrowser(), "/account/login", "login",
            new() { ["Input.Email"] = email, ["Input.Password"] = "wrong-password-1" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AccountService.IncorrectCredentials, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var browser = NewBrowser();
        await SubmitAsync(browser, "/account/register", "register", new() { ["Input.Email"] = NewEmail(), ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);

        var token = AntiforgeryToken(await browser.GetStringAsync("/"));
        var response = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = "https://evil.example/",
        }));
        AssertRedirectedTo("/", response);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains("Sign in", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_refused()
    {
        var response = await NewBrowser().PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Reset_password_page_sets_a_new_password_with_the_link_code()
    {
        var email = NewEmail();
        await app.Factory.CreateClient().RegisterAsync(email);
        var token = await app.Factory.WithUsersAsync(async users => await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(email))!));
        var url = $"/account/reset-password?email={Uri.EscapeDataString(email)}&code={AccountService.EncodeToken(token)}";

        var response = await SubmitAsync(NewBrowser(), url, "reset-password", new() { ["Input.Password"] = "page-reset-secret-3" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your password has been changed", await response.Content.ReadAsStringAsync());
        await app.Factory.CreateClient().LoginOkAsync(email, "page-reset-secret-3");

        var again = await SubmitAsync(NewBrowser(), url, "reset-password", new() { ["Input.Password"] = "page-reset-secret-4" });
        Assert.Contains("This link is invalid or has expired", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forgot_password_page_gives_the_same_answer_for_any_address()
    {
        var email = NewEmail();
        await app.Factory.CreateClient().RegisterAsync(email);
        foreach (var address in new[] { email, NewEmail() })
        {
            var response = await SubmitAsync(NewBrowser(), "/account/forgot-password", "forgot-password", new() { ["Input.Email"] = address });
            Assert.Contains("If an account uses that address", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task OpenApi_document_declares_the_bearer_scheme_on_protected_operations_only()
    {
        var document = await app.Factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        var me = paths.GetProperty("/api/v1/me").GetProperty("get");
        Assert.True(me.TryGetProperty("security", out _));
        Assert.True(me.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(paths.GetProperty("/api/v1/admin/users").GetProperty("get").GetProperty("responses").TryGetProperty("403", out _));
        Assert.False(paths.GetProperty("/api/v1/auth/login").GetProperty("post").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/v1/products").GetProperty("get").TryGetProperty("security", out _));
    }

    /// <summary>A redirect to this path on our own origin (relative, or absolute with the app's own host).</summary>
    private static void AssertRedirectedTo(string pathAndQuery, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var site = new Uri("http://localhost/");
        var target = new Uri(site, response.Headers.Location!);
        Assert.Equal(site.GetLeftPart(UriPartial.Authority), target.GetLeftPart(UriPartial.Authority));
        Assert.Equal(pathAndQuery, target.PathAndQuery);
    }

    /// <summary>Loads the page (for its antiforgery token and cookie) and posts the named form, as a browser would.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string url, string formName, Dictionary<string, string> fields)
    {
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        fields["__RequestVerificationToken"] = AntiforgeryToken(await page.Content.ReadAsStringAsync());
        fields["_handler"] = formName;
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static string AntiforgeryToken(string html) =>
        TokenInput().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
