namespace OpenChat.LoadGenerator;

/// <summary>One column of a <see cref="MarkdownTable{TRow}"/>: its header and how a row fills it.</summary>
internal sealed record MarkdownColumn<TRow>(string Header, Func<TRow, string> Value, bool RightAligned = false);

/// <summary>A Markdown table whose columns are chosen up front and whose rows are written as they come.</summary>
internal sealed class MarkdownTable<TRow>(IReadOnlyList<MarkdownColumn<TRow>> columns)
{
    public string Header =>
        $"| {string.Join(" | ", columns.Select(column => column.Header))} |\n" +
        $"|{string.Join("|", columns.Select(column => column.RightAligned ? "---:" : "---"))}|";

    public string Row(TRow row) => $"| {string.Join(" | ", columns.Select(column => column.Value(row)))} |";
}
