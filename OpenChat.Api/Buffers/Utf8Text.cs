namespace OpenChat.Api.Buffers;

internal static class Utf8Text
{
    /// <summary>At most <paramref name="cap"/> bytes of UTF-8 text, cut before a character that would not fit whole.</summary>
    public static ReadOnlySpan<byte> Prefix(ReadOnlySpan<byte> text, int cap)
    {
        if (text.Length <= cap)
        {
            return text;
        }

        var end = cap;
        // A continuation byte (10xxxxxx) at the cut belongs to the character before it.
        while (end > 0 && (text[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return text[..end];
    }
}
