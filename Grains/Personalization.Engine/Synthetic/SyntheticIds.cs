using System.Globalization;

namespace Personalization.Engine.Synthetic;

/// <summary>Fixed-width, zero-padded ids (<c>a017</c>, <c>t0123</c>, <c>u0001</c>) that sort in creation order.</summary>
internal static class SyntheticIds
{
    public static string Format(char prefix, int number, int count, int minDigits)
    {
        var digits = Math.Max(minDigits, Math.Max(0, count - 1).ToString(CultureInfo.InvariantCulture).Length);
        return prefix + number.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
