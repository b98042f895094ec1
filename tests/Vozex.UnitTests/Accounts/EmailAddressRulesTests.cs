using Vozex.Web.Modules.Accounts.Domain;

namespace Vozex.UnitTests.Accounts;

public sealed class EmailAddressRulesTests
{
    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    [InlineData("admin@vozex.local")]
    [InlineData("x@b-c.de")]
    public void Plain_addresses_are_valid(string email) => Assert.True(EmailAddressRules.IsValid(email));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("@example.com")]
    [InlineData("user@")]
    [InlineData("user@localhost")]
    [InlineData("user@@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("user name@example.com")]
    [InlineData(" user@example.com")]
    [InlineData("user@example.com ")]
    [InlineData(".user@example.com")]
    [InlineData("user.@example.com")]
    [InlineData("us..er@example.com")]
    [InlineData("user@-example.com")]
    [InlineData("user@example-.com")]
    [InlineData("user@example..com")]
    [InlineData("user@example.c")]
    [InlineData("user@127.0.0.1")]
    [InlineData("user@[127.0.0.1]")]
    [InlineData("\"quoted\"@example.com")]
    [InlineData("Name <user@example.com>")]
    public void Malformed_addresses_are_not(string? email) => Assert.False(EmailAddressRules.IsValid(email));

    [Fact]
    public void Addresses_longer_than_254_characters_are_not_valid()
    {
        var local = new string('a', 60);
        var domain = string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";
        Assert.False(EmailAddressRules.IsValid($"{local}@{domain}"));
    }

    [Fact]
    public void Default_name_is_the_local_part() =>
        Assert.Equal("grace.hopper", EmailAddressRules.DefaultName("grace.hopper@example.com"));
}
