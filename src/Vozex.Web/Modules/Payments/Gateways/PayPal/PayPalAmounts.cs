using System.Globalization;
using Vozex.Web.Platform;

namespace Vozex.Web.Modules.Payments.Gateways.PayPal;

/// <summary>
/// PayPal amounts are decimal strings. VOZEX minor units follow ISO 4217 (JPY has none, HUF and TWD have two), while
/// PayPal takes JPY, HUF and TWD without decimals at all: HUF 150000 minor units is "1500", and an amount with
/// fillér in it cannot be sent. Integer arithmetic only, no floating point.
/// </summary>
internal static class PayPalAmounts
{
    private static readonly HashSet<string> IsoZeroDecimals = new(StringComparer.Ordinal) { "JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF", "PYG" };
    private static readonly HashSet<string> IsoThreeDecimals = new(StringComparer.Ordinal) { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };
    private static readonly HashSet<string> PayPalZeroDecimals = new(StringComparer.Ordinal) { "JPY", "HUF", "TWD" };

    public static int IsoExponent(string currency) => IsoZeroDecimals.Contains(currency) ? 0 : IsoThreeDecimals.Contains(currency) ? 3 : 2;

    public static int PayPalDecimals(string currency) => PayPalZeroDecimals.Contains(currency) || IsoZeroDecimals.Contains(currency) ? 0 : 2;

    public static bool CanFormat(Money money) =>
        !IsoThreeDecimals.Contains(money.Currency) && money.Amount % Pow10(IsoExponent(money.Currency) - PayPalDecimals(money.Currency)) == 0;

    public static string Format(Money money)
    {
        if (IsoThreeDecimals.Contains(money.Currency))
            throw new ArgumentException($"PayPal does not take {money.Currency}.", nameof(money));
        var iso = IsoExponent(money.Currency);
        var decimals = PayPalDecimals(money.Currency);
        var drop = Pow10(iso - decimals);
        if (money.Amount % drop != 0)
            throw new ArgumentException($"{money.Currency} {money.Amount} minor units cannot be sent to PayPal without rounding: it takes {money.Currency} without decimals.", nameof(money));
        var units = money.Amount / drop;
        var sign = units < 0 ? "-" : "";
        units = Math.Abs(units);
        if (decimals == 0) return sign + units.ToString(CultureInfo.InvariantCulture);
        var scale = Pow10(decimals);
        return $"{sign}{(units / scale).ToString(CultureInfo.InvariantCulture)}.{(units % scale).ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0')}";
    }

    /// <summary>"149.00" USD → 14900; "1500" HUF → 150000; "1500" JPY → 1500.</summary>
    public static Money Parse(string value, string currency)
    {
        currency = currency.ToUpperInvariant();
        var iso = IsoExponent(currency);
        var negative = value.StartsWith('-');
        var digits = negative ? value[1..] : value;
        var dot = digits.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? "" : digits[(dot + 1)..];
        if (fraction.Length > iso && fraction[iso..].Any(c => c != '0'))
            throw new FormatException($"'{value}' has more decimals than {currency} has.");
        fraction = fraction.Length > iso ? fraction[..iso] : fraction.PadRight(iso, '0');
        var minor = long.Parse(string.IsNullOrEmpty(whole) ? "0" : whole, NumberStyles.None, CultureInfo.InvariantCulture) * Pow10(iso)
                    + (iso == 0 ? 0 : long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture));
        return new Money(negative ? -minor : minor, currency);
    }

    private static long Pow10(int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++) result *= 10;
        return result;
    }
}
