namespace OpenChat.Web.Components.Common;

/// <summary>
/// A piece of a message as the console shows it: plain text, or a fenced code block with its language. Markdown is
/// otherwise left as text; nothing in a message is ever rendered as HTML.
/// </summary>
internal sealed record MessageSegment(bool IsCode, string? Language, string Text)
{
    /// <summary>Splits at lines that open or close a <c>```</c> fence; a fence still open at the end (an answer mid-stream) runs to the end.</summary>
    public static IReadOnlyList<MessageSegment> Split(string text)
    {
        var segments = new List<MessageSegment>();
        var current = new List<string>();
        string? language = null;
        var inCode = false;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                inCode = !inCode;
                language = inCode && trimmed.Length > 3 ? trimmed[3..].Trim() : null;
                continue;
            }

            current.Add(line.TrimEnd('\r'));
        }

        Flush();
        return segments;

        void Flush()
        {
            var joined = string.Join('\n', current);
            current.Clear();
            if (inCode || joined.Trim().Length > 0)
            {
                segments.Add(new MessageSegment(inCode, string.IsNullOrEmpty(language) ? null : language, inCode ? joined : joined.Trim('\n')));
            }
        }
    }
}
