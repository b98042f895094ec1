using Microsoft.Playwright;

namespace Vozex.BrowserTests.Pages;

/// <summary>The account links in the header: who is signed in, and the ways in and out.</summary>
public sealed class SiteHeader(IPage page)
{
    private ILocator Nav => page.GetByRole(AriaRole.Navigation, new() { Name = "Account" });

    public ILocator AccountName => Nav.Locator(".account-name");
    public ILocator SignInLink => Nav.GetByRole(AriaRole.Link, new() { Name = "Sign in" });
    public ILocator SignUpLink => Nav.GetByRole(AriaRole.Link, new() { Name = "Sign up" });

    public async Task<SignUpPage> OpenSignUpAsync()
    {
        await SignUpLink.ClickAsync();
        await page.WaitForURLAsync("**/account/register*");
        return new SignUpPage(page);
    }

    public async Task<SignInPage> OpenSignInAsync()
    {
        await SignInLink.ClickAsync();
        await page.WaitForURLAsync("**/account/login*");
        return new SignInPage(page);
    }

    public async Task SignOutAsync()
    {
        await Nav.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInLink.WaitForAsync();
    }
}

public sealed class SignUpPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator EmailError => page.Locator("#email-error");
    public ILocator PasswordError => page.Locator("#password-error");

    public async Task FillAsync(string name, string email, string password)
    {
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
    }

    public async Task SubmitAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
}

public sealed class SignInPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Error => page.Locator(".form-error");

    public async Task SignInAsync(string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }
}
