using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;
using Vozex.IntegrationTests.Accounts;
using Vozex.Testing;
using Vozex.Web.Modules.Accounts.Domain;
using Vozex.Web.Platform.Security;

namespace Vozex.IntegrationTests.Admin;

/// <summary>
/// TOTP sign-in for administrators: codes are computed here from the shared key the app hands out (RFC 6238 with
/// Otp.NET), exactly as an authenticator app would.
/// </summary>
public sealed partial class TwoFactorTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Password = AccountsTestClient.Password;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastStep = new();

    /// <summary>
    /// A code the app has not accepted yet: the current step's, or the next one's when the current one was used (each
    /// code works once; the app accepts up to two steps ahead, as an authenticator app's clock may run fast).
    /// </summary>
    private static string Code(string sharedKey)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var step = LastStep.AddOrUpdate(sharedKey, now, (_, last) => Math.Max(now, last + 1));
        return new Totp(Base32Encoding.ToBytes(sharedKey)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
    }

    /// <summary>A code that is not the current one (nor one of the neighbouring windows Identity accepts).</summary>
    private static string WrongCode(string sharedKey)
    {
        var totp = new Totp(Base32Encoding.ToBytes(sharedKey));
        var now = DateTime.UtcNow;
        var near = new[] { -90, -60, -30, 0, 30, 60, 90 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6")).First(c => !near.Contains(c));
    }

    private static async Task<string> NewAdminAsync(VozexAppFactory factory)
    {
        var email = AccountsTestClient.NewEmail();
        await factory.WithUsersAsync(async users =>
        {
            var user = new VozexUser { Email = email, UserName = email, Name = "Ada Admin", CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
            return true;
        });
        return email;
    }

    private static HttpClient Api(VozexAppFactory factory, string? token = null) =>
        token is null ? factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }) : factory.WithBearer(token);

    /// <summary>Enrols through the API; returns the shared key and the recovery codes.</summary>
    private static async Task<(string Key, string[] RecoveryCodes)> EnrolAsync(HttpClient admin)
    {
        var state = await admin.GetFromJsonAsync<JsonElement>("/api/v1/me/two-factor");
        Assert.False(state.GetProperty("enabled").GetBoolean());
        var key = state.GetProperty("shared_key").GetString()!;
        Assert.StartsWith("otpauth://totp/VOZEX:", state.GetProperty("authenticator_uri").GetString());

        var wrong = await admin.PostAsJsonAsync("/api/v1/me/two-factor/enable", new { code = WrongCode(key) });
        Assert.NotEmpty(await wrong.FieldErrorsAsync("code"));
        var enabled = await admin.PostAsJsonAsync("/api/v1/me/two-factor/enable", new { code = Code(key) });
        Assert.True(enabled.IsSuccessStatusCode, await enabled.Content.ReadAsStringAsync());
        var codes = (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(10, codes.Length);
        return (key, codes);
    }

    [Fact]
    public async Task An_admin_enrols_then_API_sign_in_needs_a_current_code_and_refuses_a_wrong_one()
    {
        var email = await NewAdminAsync(app.Factory);
        var admin = Api(app.Factory, (await Api(app.Factory).LoginOkAsync(email, Password)).AccessToken());
        var (key, recovery) = await EnrolAsync(admin);
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/v1/me/two-factor")).GetProperty("enabled").GetBoolean());

        var anonymous = Api(app.Factory);
        var noCode = await (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(noCode.GetProperty("two_factor_required").GetBoolean());
        var wrong = await (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password, two_factor_code = WrongCode(key) }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The two-factor code is not valid.", wrong.GetProperty("detail").GetString());
        // The right code with the wrong password proves nothing.
        await (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong-password-1", two_factor_code = Code(key) }))
            .ProblemAsync(HttpStatusCode.Unauthorized);

        var ok = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password, two_factor_code = Code(key) });
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());

        var byRecovery = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password, two_factor_code = recovery[0] });
        Assert.Equal(HttpStatusCode.OK, byRecovery.StatusCode);
        var reused = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password, two_factor_code = recovery[0] });
        await reused.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once_and_a_replay_or_an_earlier_code_is_refused()
    {
        var email = await NewAdminAsync(app.Factory);
        var (key, _) = await EnrolAsync(Api(app.Factory, (await Api(app.Factory).LoginOkAsync(email, Password)).AccessToken()));
        var anonymous = Api(app.Factory);
        Task<HttpResponseMessage> LoginAsync(string code) =>
            anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password, two_factor_code = code });

        // Two sign-ins racing with one code (as a replayed request would): exactly one gets in.
        var code = Code(key);
        var raced = await Task.WhenAll(LoginAsync(code), LoginAsync(code));
        Assert.Single(raced, r => r.StatusCode == HttpStatusCode.OK);

        // The same code again later, and a code of an earlier step that is still inside the window: both refused.
        var replay = await (await LoginAsync(code)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The two-factor code is not valid.", replay.GetProperty("detail").GetString());
        var earlier = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddSeconds(-30));
        if (earlier != code) await (await LoginAsync(earlier)).ProblemAsync(HttpStatusCode.Unauthorized);

        // A fresh code still works (and the failures above did not lock the account).
        var next = await LoginAsync(Code(key));
        Assert.True(next.StatusCode == HttpStatusCode.OK, await next.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_sign_in_asks_for_the_code_after_the_password_and_a_wrong_code_is_refused()
    {
        var email = await NewAdminAsync(app.Factory);
        var (key, _) = await EnrolAsync(Api(app.Factory, (await Api(app.Factory).LoginOkAsync(email, Password)).AccessToken()));

        var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await SubmitAsync(browser, "/account/login?returnUrl=%2Fadmin", "login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var second = new Uri(new Uri("http://localhost/"), login.Headers.Location!).PathAndQuery;
        Assert.StartsWith("/account/login-2fa?returnUrl=%2Fadmin", second);
        // Half signed in: the password alone opens nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin")).StatusCode);

        var refused = await SubmitAsync(browser, second, "login-2fa", new() { ["Input.Code"] = WrongCode(key) });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The code is not valid", await refused.Content.ReadAsStringAsync());

        var accepted = await SubmitAsync(browser, second, "login-2fa", new() { ["Input.Code"] = Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/admin", new Uri(new Uri("http://localhost/"), accepted.Headers.Location!).PathAndQuery);
        var home = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Today", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_RequireTwoFactor_an_admin_without_it_is_sent_to_enrol_before_any_admin_page_or_API_works()
    {
        await using var factory = VozexAppFactory.Sqlite(new Dictionary<string, string?> { ["Vozex:Admin:RequireTwoFactor"] = "true" });
        var email = await NewAdminAsync(factory);
        var token = (await Api(factory).LoginOkAsync(email, Password)).AccessToken();
        var admin = Api(factory, token);

        var refused = await (await admin.GetAsync("/api/v1/admin/products")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.True(refused.GetProperty("two_factor_required").GetBoolean());
        await (await admin.GetAsync("/api/v1/admin/orders")).ProblemAsync(HttpStatusCode.Forbidden);

        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signedIn = await SubmitAsync(browser, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        foreach (var page in new[] { "/admin", "/admin/products", "/admin/orders" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/admin/security?required=1", new Uri(new Uri("http://localhost/"), response.Headers.Location!).PathAndQuery);
        }
        var enrolPage = await browser.GetAsync("/admin/security?required=1");
        Assert.Equal(HttpStatusCode.OK, enrolPage.StatusCode);
        var html = await enrolPage.Content.ReadAsStringAsync();
        Assert.Contains("id=\"qr-code\"", html);
        Assert.Contains("Administrators must turn on two-factor sign-in", html);

        // Customers are still just forbidden: the enrolment detour is for administrators.
        var customer = Api(factory, (await Api(factory).SignUpAndLoginAsync(AccountsTestClient.NewEmail())).AccessToken());
        var forbidden = await (await customer.GetAsync("/api/v1/admin/products")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(forbidden.TryGetProperty("two_factor_required", out _));

        var (key, _) = await EnrolAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/admin/products")).StatusCode);
        var disable = await admin.PostAsJsonAsync("/api/v1/me/two-factor/disable", new { code = Code(key) });
        await disable.ProblemAsync(HttpStatusCode.Conflict);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string url, string formName, Dictionary<string, string> fields)
    {
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        fields["__RequestVerificationToken"] = TokenInput().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");
        fields["_handler"] = formName;
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
