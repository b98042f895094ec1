using CsCheck;
using Vozex.Web.Platform;

namespace Vozex.UnitTests.Platform;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(1_001, 125, 1_251)]   // 1,251.25 → 1,251
    [InlineData(1_002, 125, 1_253)]   // 1,252.5 → 1,253 (half away from zero)
    [InlineData(-1_002, 125, -1_253)] // and away from zero when negative
    [InlineData(3, 50, 2)]            // 1.5 → 2
    public void Percentages_round_half_away_from_zero(long amount, int percent, long expected) =>
        Assert.Equal(expected, Money.RoundedPercent(amount, percent));

    [Fact]
    public void Adding_different_currencies_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => new Money(1, "USD") + new Money(1, "EUR"));

    [Theory]
    [InlineData(4_900, "$49")]
    [InlineData(123_456, "$1,234.56")]
    [InlineData(-50, "-$0.50")]
    public void Display_uses_major_units(long amount, string expected) => Assert.Equal(expected, new Money(amount, "USD").Display());

    [Fact]
    public void Hundred_percent_is_identity_and_percentages_are_monotonic() =>
        Gen.Long[0, 1_000_000_000].Select(Gen.Int[0, 300]).Sample((amount, percent) =>
            Money.RoundedPercent(amount, 100) == amount
            && Money.RoundedPercent(amount, percent) <= Money.RoundedPercent(amount, percent + 1));
}
