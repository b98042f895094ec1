using CsCheck;
using Vozex.Web.Modules.Checkout.Subdomains;

namespace Vozex.UnitTests.Checkout;

public sealed class SubdomainRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("my-bistro")]
    [InlineData("a1b2c3")]
    [InlineData("123")]
    [InlineData("a--b")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghij")] // 40
    public void Valid_labels_pass(string label) => Assert.Null(SubdomainRules.Validate(label));

    [Theory]
    [InlineData("ab")]                                          // too short
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijk")]   // 41, too long
    [InlineData("-shop")]
    [InlineData("shop-")]
    [InlineData("MyShop")]
    [InlineData("my_shop")]
    [InlineData("my.shop")]
    [InlineData("my shop")]
    [InlineData("café")]
    [InlineData("xn--80ak6aa92e")]
    [InlineData("www")]
    [InlineData("admin")]
    [InlineData("api")]
    [InlineData("mail")]
    [InlineData("vozex")]
    [InlineData("localhost")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_labels_are_refused_with_a_reason(string? label)
    {
        Assert.NotNull(SubdomainRules.Validate(label));
        Assert.False(SubdomainRules.IsValid(label));
    }

    [Fact]
    public void Every_reserved_word_that_fits_the_format_is_still_refused() =>
        Assert.All(SubdomainRules.Reserved, word => Assert.False(SubdomainRules.IsValid(word)));

    [Theory]
    [InlineData("Acme Coffee Roasters", "acme-coffee-roasters")]
    [InlineData("Café Zoë & Söhne GmbH", "cafe-zoe-sohne-gmbh")]
    [InlineData("Straße 42", "strasse-42")]
    [InlineData("Łódź Ærøskøbing", "lodz-aeroskobing")]
    [InlineData("  --Jo--  ", "jo-site")]
    [InlineData("Al", "al-site")]
    [InlineData("Admin", "admin-site")]
    [InlineData("WWW", "www-site")]
    [InlineData("", "my-site")]
    [InlineData("!!!", "my-site")]
    [InlineData("李小龍", "my-site")]
    [InlineData("jane.doe@example.com", "jane-doe-example-com")]
    [InlineData("The Extraordinarily Long Name Of A Very Big Company Ltd", "the-extraordinarily-long-name-of-a-very")]
    public void Derive_makes_a_readable_valid_label(string name, string expected)
    {
        Assert.Equal(expected, SubdomainRules.Derive(name));
        Assert.True(SubdomainRules.IsValid(expected));
    }

    [Fact]
    public void Derive_never_ends_in_a_dash_when_cutting_at_forty_characters()
    {
        var label = SubdomainRules.Derive(new string('a', 39) + " b");
        Assert.Equal(new string('a', 39), label);
    }

    [Fact]
    public void Derived_labels_are_always_valid() =>
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["aZ- _.é0-!ßÆ李"], 0, 80]).Sample(name => SubdomainRules.IsValid(SubdomainRules.Derive(name)));

    [Fact]
    public void Suffixed_labels_stay_valid_and_distinct() =>
        Gen.Select(Gen.String[Gen.Char["abz09-"], 0, 60], Gen.Int[2, int.MaxValue]).Sample((name, n) =>
        {
            var label = SubdomainRules.Derive(name);
            var suffixed = SubdomainRules.WithSuffix(label, n);
            return SubdomainRules.IsValid(suffixed) && suffixed != label && suffixed.EndsWith("-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        });

    [Theory]
    [InlineData("shop.example.com")]
    [InlineData("a.io")]
    [InlineData("xn--caf-dma.example")]
    [InlineData("my-shop.co.uk")]
    public void Valid_custom_domains_pass(string host) => Assert.Null(DomainNames.Validate(host));

    [Theory]
    [InlineData("localhost")]
    [InlineData("10.0.0.1")]
    [InlineData("shop..example.com")]
    [InlineData("-shop.example.com")]
    [InlineData("shop-.example.com")]
    [InlineData("shop_1.example.com")]
    [InlineData("*.example.com")]
    [InlineData("https://shop.example.com")]
    [InlineData("")]
    public void Invalid_custom_domains_are_refused(string host) => Assert.NotNull(DomainNames.Validate(host));

    [Fact]
    public void Custom_domains_longer_than_253_characters_are_refused()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) + ".com";
        Assert.True(host.Length > 253);
        Assert.NotNull(DomainNames.Validate(host));
    }

    [Fact]
    public void Custom_domains_are_normalized_to_lowercase_without_the_root_dot() =>
        Assert.Equal("shop.example.com", DomainNames.Normalize(" Shop.Example.COM. "));
}
