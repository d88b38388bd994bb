using System.Globalization;

namespace OpenChat.Tools.BuiltIn;

internal static class DecimalText
{
    /// <summary>
    /// Plain invariant digits without trailing zeros: 3.30 reads "3.3" and 0.000001 stays "0.000001", where the
    /// G29 format would write 1E-06.
    /// </summary>
    public static string Format(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }
}
