using Microsoft.Playwright;
using Vozex.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Vozex.BrowserTests;

public sealed class AccountJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "journey-secret-12";

    [Fact]
    public async Task Visitor_signs_up_lands_signed_in_signs_out_and_signs_in_again()
    {
        var page = await fixture.NewPageAsync();
        var email = $"journey-{Guid.NewGuid():N}@example.com";
        await new HomePage(page).OpenAsync();
        var header = new SiteHeader(page);

        var signUp = await header.OpenSignUpAsync();
        await Expect(signUp.Heading).ToHaveTextAsync("Create your account");
        await signUp.FillAsync("Mary Jackson", email, Password);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("sign-up"), FullPage = true });
        await signUp.SubmitAsync();

        await Expect(header.AccountName).ToHaveTextAsync("Mary Jackson");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("signed-in-home") });

        await header.SignOutAsync();
        await Expect(header.AccountName).ToHaveCountAsync(0);

        // Signing in from a product page comes back to it.
        await page.GotoAsync("/products/sentinelscan");
        var signIn = await header.OpenSignInAsync();
        await signIn.SignInAsync(email, "not-the-password-1");
        await Expect(signIn.Error).ToContainTextAsync("incorrect");
        await signIn.SignInAsync(email, Password);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/products/sentinelscan");
        await Expect(header.AccountName).ToHaveTextAsync("Mary Jackson");
    }

    [Fact]
    public async Task Sign_up_form_shows_what_is_wrong_with_each_field()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/register");
        var signUp = new SignUpPage(page);
        await signUp.FillAsync("Dorothy Vaughan", "dorothy-at-example", "short");
        await signUp.SubmitAsync();

        await Expect(signUp.EmailError).ToContainTextAsync("valid email address");
        await Expect(signUp.PasswordError).ToContainTextAsync("at least 10 characters");
        await Expect(page.GetByLabel("Email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Dorothy Vaughan");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("sign-up-errors"), FullPage = true });
    }

    [Fact]
    public async Task A_page_that_needs_an_account_sends_the_visitor_back_after_signing_in()
    {
        var page = await fixture.NewPageAsync();
        var email = $"return-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/account/register");
        var signUp = new SignUpPage(page);
        await signUp.FillAsync("Annie Easley", email, Password);
        await signUp.SubmitAsync();
        await new SiteHeader(page).SignOutAsync();

        await page.GotoAsync("/account");
        await page.WaitForURLAsync("**/account/login?returnUrl=*");
        await new SignInPage(page).SignInAsync(email, Password);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
        await Expect(page.Locator(".account-summary")).ToContainTextAsync(email);
    }
}
