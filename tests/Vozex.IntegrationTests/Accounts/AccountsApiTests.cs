using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vozex.Testing;
using Vozex.Web.Modules.Accounts.Auth;
using Vozex.Web.Modules.Accounts.Contracts;
using Vozex.Web.Modules.Accounts.Seed;
using Vozex.Web.Platform.Security;
using static Vozex.IntegrationTests.Accounts.AccountsTestClient;

namespace Vozex.IntegrationTests.Accounts;

/// <summary>The account API contract, run once per database provider.</summary>
public abstract class AccountsApiTests
{
    protected abstract VozexAppFactory App { get; }

    /// <summary>Another app on a fresh database of this provider, with these settings on top of the test defaults.</summary>
    protected abstract Task<VozexAppFactory> NewAppAsync(IDictionary<string, string?>? settings = null);

    /// <summary>A second node on the same database as <paramref name="first"/>.</summary>
    protected abstract VozexAppFactory SecondNode(VozexAppFactory first);

    private HttpClient Client => App.CreateClient();

    [Fact]
    public async Task Register_then_login_then_me_with_the_bearer_token()
    {
        var email = NewEmail();
        var registered = await Client.RegisterAsync(email, name: "Ada Lovelace");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var account = await registered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, account.GetProperty("email").GetString());
        Assert.Equal("Ada Lovelace", account.GetProperty("name").GetString());
        Assert.Equal([Roles.Customer], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var tokens = await Client.LoginOkAsync(email);
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.True(tokens.GetProperty("expires_in").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken()));

        var me = await App.WithBearer(tokens.AccessToken()).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(account.GetProperty("id").GetGuid(), me.GetProperty("id").GetGuid());
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Equal("Ada Lovelace", me.GetProperty("name").GetString());
        Assert.Equal([Roles.Customer], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Name_defaults_to_the_local_part_and_email_matching_ignores_case()
    {
        var email = NewEmail();
        var account = await (await Client.RegisterAsync(email)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email.Split('@')[0], account.GetProperty("name").GetString());
        await Client.LoginOkAsync(email.ToUpperInvariant());
    }

    [Fact]
    public async Task Refresh_gives_a_working_token_and_each_refresh_token_works_once()
    {
        var first = await Client.SignUpAndLoginAsync(NewEmail());

        var refreshed = await Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = first.RefreshToken() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", second.GetProperty("token_type").GetString());
        Assert.NotEqual(first.RefreshToken(), second.RefreshToken());
        Assert.Equal(HttpStatusCode.OK, (await App.WithBearer(second.AccessToken()).GetAsync("/api/v1/me")).StatusCode);

        var replayed = await Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = first.RefreshToken() });
        await replayed.ProblemAsync(HttpStatusCode.Unauthorized);
        // Presenting a used token revoked the family: the stolen-or-replayed case ends the newer session too.
        var afterReuse = await Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = second.RefreshToken() });
        await afterReuse.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_refresh_token_is_a_401_problem()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = "not-a-token" });
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("short1a")]
    [InlineData("onlyletters-no-digits")]
    [InlineData("12345678901234")]
    [InlineData("")]
    public async Task Weak_password_is_a_400_with_a_password_error(string password)
    {
        var response = await Client.RegisterAsync(NewEmail(), password);
        Assert.NotEmpty(await response.FieldErrorsAsync("password"));
    }

    [Fact]
    public async Task Duplicate_email_is_a_400_with_an_email_error_whatever_the_case()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await Client.RegisterAsync(email)).StatusCode);
        var again = await Client.RegisterAsync(email.ToUpperInvariant());
        Assert.Equal(["An account with this email address already exists."], await again.FieldErrorsAsync("email"));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("missing-domain@")]
    [InlineData("two@@example.com")]
    [InlineData("spaces in@example.com")]
    [InlineData("Someone <someone@example.com>")]
    [InlineData("no-tld@localhost")]
    public async Task Malformed_email_is_a_400_with_an_email_error(string email)
    {
        var response = await Client.RegisterAsync(email);
        Assert.NotEmpty(await response.FieldErrorsAsync("email"));
    }

    [Fact]
    public async Task Overlong_name_is_a_400_with_a_name_error_beside_the_other_fields()
    {
        var response = await Client.RegisterAsync("bad", "short", new string('n', 101));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_are_the_same_401_problem()
    {
        var email = NewEmail();
        await Client.RegisterAsync(email);
        var wrong = await (await Client.LoginAsync(email, "wrong-password-1")).ProblemAsync(HttpStatusCode.Unauthorized);
        var unknown = await (await Client.LoginAsync(NewEmail())).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(wrong.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_even_for_the_right_password()
    {
        var email = NewEmail();
        await Client.RegisterAsync(email);
        for (var i = 0; i < 4; i++)
            await (await Client.LoginAsync(email, "wrong-password-1")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await Client.LoginAsync(email, "wrong-password-1")).ProblemAsync(HttpStatusCode.Locked);

        var right = await Client.LoginAsync(email);
        await right.ProblemAsync(HttpStatusCode.Locked);
        Assert.InRange(right.Headers.RetryAfter?.Delta?.TotalMinutes ?? 0, 14, 15.01);
    }

    [Fact]
    public async Task Anonymous_me_is_a_401_problem_not_a_redirect()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await client.GetAsync("/api/v1/me");
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_forged_bearer_token_is_a_401_problem()
    {
        var response = await App.WithBearer("CfDJ8-not-a-real-token").GetAsync("/api/v1/me");
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_customer_calling_an_admin_endpoint_gets_a_403_problem()
    {
        var tokens = await Client.SignUpAndLoginAsync(NewEmail());
        var response = await App.WithBearer(tokens.AccessToken()).GetAsync("/api/v1/admin/users");
        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_lists_and_searches_users_page_by_page()
    {
        var email = NewEmail();
        await Client.RegisterAsync(email, name: "Grace Hopper");
        await App.WithUsersAsync(async users => await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, Roles.Admin));
        var admin = App.WithBearer((await Client.LoginOkAsync(email)).AccessToken());

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users?page=1&page_size=2");
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 2);

        var found = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users?q=grace%20hopper");
        var user = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.Equal([Roles.Admin, Roles.Customer], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(user.GetProperty("locked_out").GetBoolean());

        var bad = await admin.GetAsync("/api/v1/admin/users?page=0");
        Assert.NotEmpty(await bad.FieldErrorsAsync("page"));
    }

    [Fact]
    public async Task Account_directory_finds_accounts_for_other_modules_and_grants_roles()
    {
        var email = NewEmail();
        var id = (await (await Client.RegisterAsync(email, name: "Provider Person")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await using var scope = App.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IAccountDirectory>();

        var account = await directory.FindAsync(id, CancellationToken.None);
        Assert.NotNull(account);
        Assert.Equal((email, "Provider Person"), (account.Email, account.Name));
        Assert.True(account.IsInRole(Roles.Customer));
        Assert.Equal(id, (await directory.FindByEmailAsync(email.ToUpperInvariant(), CancellationToken.None))?.Id);
        Assert.Null(await directory.FindAsync(Guid.NewGuid(), CancellationToken.None));
        var many = await directory.FindManyAsync([id, Guid.NewGuid()], CancellationToken.None);
        Assert.Equal([id], many.Keys);

        Assert.True(await directory.AddToRoleAsync(id, Roles.Provider, CancellationToken.None));
        Assert.True(await directory.AddToRoleAsync(id, Roles.Provider, CancellationToken.None)); // idempotent
        Assert.False(await directory.AddToRoleAsync(Guid.NewGuid(), Roles.Provider, CancellationToken.None));
        var me = await App.WithBearer((await Client.LoginOkAsync(email)).AccessToken()).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal([Roles.Customer, Roles.Provider], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Every_test_app_has_the_known_bootstrap_admin()
    {
        var tokens = await Client.LoginOkAsync(VozexAppFactory.AdminEmail, VozexAppFactory.AdminPassword);
        var me = await App.WithBearer(tokens.AccessToken()).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal([Roles.Admin], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Bootstrap_admin_from_configuration_can_log_in_and_is_admin()
    {
        var announcements = new List<string>();
        await using var app = (await NewAppAsync(new Dictionary<string, string?>
        {
            ["Vozex:Bootstrap:AdminEmail"] = "owner@example.com",
            ["Vozex:Bootstrap:AdminPassword"] = "configured-admin-77",
        })).WithServices(s => s.Replace(ServiceDescriptor.Singleton<IBootstrapConsole>(new CapturingConsole(announcements))));

        var tokens = await app.CreateClient().LoginOkAsync("owner@example.com", "configured-admin-77");
        var me = await app.WithBearer(tokens.AccessToken()).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Contains(Roles.Admin, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await app.WithBearer(tokens.AccessToken()).GetAsync("/api/v1/admin/users")).StatusCode);
        Assert.Empty(announcements); // a configured password is never printed
    }

    [Fact]
    public async Task Generated_bootstrap_password_is_announced_once_and_a_second_node_adds_no_admin()
    {
        var first = new List<string>();
        await using var node1 = (await NewAppAsync(new Dictionary<string, string?> { ["Vozex:Bootstrap:AdminPassword"] = "" }))
            .WithServices(s => s.Replace(ServiceDescriptor.Singleton<IBootstrapConsole>(new CapturingConsole(first))));
        _ = node1.Server;
        var announced = Assert.Single(first);
        var (email, password) = (announced.Split('\n')[0], announced.Split('\n')[1]);
        Assert.Equal("admin@vozex.local", email);

        var second = new List<string>();
        await using var node2 = SecondNode(node1)
            .WithServices(s => s.Replace(ServiceDescriptor.Singleton<IBootstrapConsole>(new CapturingConsole(second))));
        var tokens = await node2.CreateClient().LoginOkAsync(email, password);
        Assert.Empty(second);

        // A token issued by one node is accepted by the other: they share the key ring in the database.
        var page = await node1.WithBearer(tokens.AccessToken()).GetFromJsonAsync<JsonElement>("/api/v1/admin/users?q=admin%40vozex.local");
        Assert.Equal(1, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Two_nodes_starting_together_create_one_admin_and_announce_it_once()
    {
        var announcements = new List<string>();
        // The demo catalog seeder is not written for racing nodes; this test is about accounts only.
        var first = (await NewAppAsync(new Dictionary<string, string?> { ["Vozex:Bootstrap:AdminPassword"] = "", ["Vozex:Seed:Demo"] = "false" }))
            .WithServices(s => s.Replace(ServiceDescriptor.Singleton<IBootstrapConsole>(new CapturingConsole(announcements))));
        var second = SecondNode(first)
            .WithServices(s => s.Replace(ServiceDescriptor.Singleton<IBootstrapConsole>(new CapturingConsole(announcements))));
        await using (first)
        await using (second)
        {
            await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

            var (email, password) = (Assert.Single(announcements).Split('\n')[0], Assert.Single(announcements).Split('\n')[1]);
            var admin = first.WithBearer((await second.CreateClient().LoginOkAsync(email, password)).AccessToken());
            var admins = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users?q=admin%40vozex.local");
            Assert.Equal(1, admins.GetProperty("total").GetInt32());
        }
    }

    [Fact]
    public async Task Too_many_logins_from_one_address_get_a_429_problem()
    {
        await using var app = await NewAppAsync(new Dictionary<string, string?> { ["Vozex:Accounts:LoginRateLimitPerMinute"] = "3" });
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            await (await client.LoginAsync(NewEmail())).ProblemAsync(HttpStatusCode.Unauthorized);
        var limited = await client.LoginAsync(NewEmail());
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);

        // The sign-in page shares the limit (its GET does not count, its POST does).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        var page = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "login" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many attempts", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Password_reset_with_a_token_sets_the_new_password_and_ends_api_sessions()
    {
        var email = NewEmail();
        var tokens = await Client.SignUpAndLoginAsync(email);
        var token = await App.WithUsersAsync(async users => await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(email))!));

        var weak = await Client.PostAsJsonAsync("/api/v1/auth/reset-password", new { email, token = AccountService.EncodeToken(token), password = "short" });
        Assert.NotEmpty(await weak.FieldErrorsAsync("password"));

        var reset = await Client.PostAsJsonAsync("/api/v1/auth/reset-password", new { email, token = AccountService.EncodeToken(token), password = "brand-new-secret-9" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        await (await Client.LoginAsync(email)).ProblemAsync(HttpStatusCode.Unauthorized);
        await Client.LoginOkAsync(email, "brand-new-secret-9");
        var refresh = await Client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = tokens.RefreshToken() });
        await refresh.ProblemAsync(HttpStatusCode.Unauthorized);

        var reused = await Client.PostAsJsonAsync("/api/v1/auth/reset-password", new { email, token = AccountService.EncodeToken(token), password = "another-secret-10" });
        Assert.NotEmpty(await reused.FieldErrorsAsync("token"));
    }

    [Fact]
    public async Task Forgot_password_answers_202_whether_or_not_the_address_has_an_account()
    {
        var email = NewEmail();
        await Client.RegisterAsync(email);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = NewEmail() })).StatusCode);
        var malformed = await Client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = "nope" });
        Assert.NotEmpty(await malformed.FieldErrorsAsync("email"));
    }

    private sealed class CapturingConsole(List<string> announcements) : IBootstrapConsole
    {
        public void AnnounceGeneratedAdministrator(string email, string password)
        {
            lock (announcements) announcements.Add(email + "\n" + password);
        }
    }
}
