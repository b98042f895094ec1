using Vozex.Web.Modules.Payments.Gateways.PayPal;
using Vozex.Web.Platform;

namespace Vozex.UnitTests.Payments;

public sealed class PayPalAmountsTests
{
    [Theory]
    [InlineData(14900, "USD", "149.00")]
    [InlineData(5, "USD", "0.05")]
    [InlineData(1999, "EUR", "19.99")]
    [InlineData(1500, "JPY", "1500")]
    [InlineData(150000, "HUF", "1500")]
    [InlineData(123400, "TWD", "1234")]
    [InlineData(0, "USD", "0.00")]
    public void Minor_units_are_formatted_with_the_decimals_PayPal_takes(long minor, string currency, string expected)
    {
        Assert.Equal(expected, PayPalAmounts.Format(new Money(minor, currency)));
        Assert.Equal(new Money(minor, currency), PayPalAmounts.Parse(expected, currency));
    }

    [Theory]
    [InlineData(150050, "HUF")]
    [InlineData(99, "TWD")]
    public void Forint_and_new_Taiwan_dollar_amounts_with_subunits_cannot_be_sent(long minor, string currency)
    {
        Assert.False(PayPalAmounts.CanFormat(new Money(minor, currency)));
        Assert.Throws<ArgumentException>(() => PayPalAmounts.Format(new Money(minor, currency)));
    }

    [Fact]
    public void Three_decimal_currencies_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PayPalAmounts.Format(new Money(1000, "KWD")));
    }

    [Theory]
    [InlineData("149", "USD", 14900)]
    [InlineData("149.5", "USD", 14950)]
    [InlineData("1500.00", "HUF", 150000)]
    [InlineData("12.00", "JPY", 12)]
    public void PayPal_values_are_parsed_into_ISO_minor_units_without_floating_point(string value, string currency, long minor)
    {
        Assert.Equal(minor, PayPalAmounts.Parse(value, currency).Amount);
    }

    [Fact]
    public void A_value_with_more_decimals_than_the_currency_has_is_refused()
    {
        Assert.Throws<FormatException>(() => PayPalAmounts.Parse("1.005", "USD"));
        Assert.Throws<FormatException>(() => PayPalAmounts.Parse("12.50", "JPY"));
    }
}
