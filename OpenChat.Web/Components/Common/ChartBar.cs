namespace OpenChat.Web.Components.Common;

/// <summary>One bar of a <see cref="BarChart"/>: its label and its value.</summary>
public sealed record ChartBar(string Label, long Value);
