using System.Globalization;

namespace Vozex.Web.Platform;

/// <summary>An amount in integer minor units (cents) of an ISO 4217 currency. Never a float in transit.</summary>
public readonly record struct Money(long Amount, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public static Money operator +(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(checked(left.Amount + right.Amount), left.Currency);
    }

    public static Money operator -(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(checked(left.Amount - right.Amount), left.Currency);
    }

    /// <summary>Multiplies by a percentage, rounding half away from zero (SPEC §4: per line).</summary>
    public Money MultiplyByPercent(int percent) => new(RoundedPercent(Amount, percent), Currency);

    public static long RoundedPercent(long amount, int percent) =>
        (long)decimal.Round(amount * (decimal)percent / 100m, MidpointRounding.AwayFromZero);

    /// <summary>A display string such as "$1,234.50"; the amount itself stays an integer.</summary>
    public string Display()
    {
        var major = Amount / 100m;
        var symbol = Currency switch { "USD" => "$", "EUR" => "€", "GBP" => "£", _ => Currency + " " };
        var digits = Amount % 100 == 0 ? major.ToString("#,0", CultureInfo.InvariantCulture) : major.ToString("#,0.00", CultureInfo.InvariantCulture);
        return Amount < 0 ? "-" + symbol + digits.TrimStart('-') : symbol + digits;
    }

    public override string ToString() => Display();

    private static void EnsureSameCurrency(Money left, Money right)
    {
        if (!string.Equals(left.Currency, right.Currency, StringComparison.Ordinal))
            throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
    }
}
