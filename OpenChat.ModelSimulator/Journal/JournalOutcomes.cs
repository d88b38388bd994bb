namespace OpenChat.ModelSimulator.Journal;

public static class JournalOutcomes
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
