using Microsoft.AspNetCore.Identity;
using Vozex.Web.Modules.Accounts.Domain;

namespace Vozex.UnitTests.Accounts;

public sealed class PasswordRulesTests
{
    private static readonly RequireLetterPasswordValidator<object> Validator = new();

    [Theory]
    [InlineData("1234567890a", true)]
    [InlineData("ÄÖÜ1234567890", true)]
    [InlineData("12345678901", false)]
    [InlineData("!!!!!!!!!!1", false)]
    [InlineData("", false)]
    public async Task A_password_needs_a_letter(string password, bool ok)
    {
        var result = await Validator.ValidateAsync(null!, new object(), password);
        Assert.Equal(ok, result.Succeeded);
        if (!ok) Assert.Equal(RequireLetterPasswordValidator<object>.Code, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Generated_passwords_are_long_random_and_satisfy_the_policy()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => PasswordRules.Generate()).ToList();
        Assert.All(passwords, p =>
        {
            Assert.Equal(24, p.Length);
            Assert.Contains(p, char.IsLetter);
            Assert.Contains(p, char.IsAsciiDigit);
            Assert.DoesNotContain(p, c => "0O1lI".Contains(c));
        });
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }

    [Theory]
    [InlineData("PasswordTooShort", "password")]
    [InlineData("PasswordRequiresDigit", "password")]
    [InlineData("PasswordRequiresLetter", "password")]
    [InlineData("DuplicateEmail", "email")]
    [InlineData("DuplicateUserName", "email")]
    [InlineData("InvalidEmail", "email")]
    [InlineData("InvalidToken", "token")]
    public void Identity_errors_map_to_request_fields(string code, string field) =>
        Assert.Equal(field, IdentityErrorFields.FieldOf(code));

    [Fact]
    public void Two_codes_with_one_message_are_reported_once()
    {
        var describer = new VozexIdentityErrorDescriber();
        var errors = new Dictionary<string, string[]>();
        IdentityErrorFields.AddTo(errors, [describer.DuplicateUserName("a@b.com"), describer.DuplicateEmail("a@b.com"), describer.PasswordTooShort(10)]);
        Assert.Equal([VozexIdentityErrorDescriber.DuplicateEmailMessage], errors["email"]);
        Assert.Equal(["Use at least 10 characters."], errors["password"]);
    }
}
