using Vozex.Web.Modules.Accounts.Domain;

namespace Vozex.UnitTests.Accounts;

public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account")]
    [InlineData("/products?category=services&page=2")]
    [InlineData("/products/sentinelscan#pricing")]
    public void Local_paths_are_kept(string url) => Assert.Equal(url, LocalReturnUrl.Sanitize(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("http:/evil.example")]
    [InlineData("//evil.example/path")]
    [InlineData("/\\evil.example")]
    [InlineData("/ok\\..\\evil")]
    [InlineData("javascript:alert(1)")]
    [InlineData("account")]
    [InlineData("/line\r\nSet-Cookie: x=1")]
    [InlineData(" /leading-space")]
    public void Anything_else_falls_back_to_home(string? url) => Assert.Equal("/", LocalReturnUrl.Sanitize(url));
}
