namespace OpenChat.ModelSimulator.Profiles;

/// <summary>What the chunks before the usage chunk carry in <c>usage</c> when the request asked for usage.</summary>
public enum UsageOnChunks
{
    /// <summary>No <c>usage</c> field (Ollama).</summary>
    Absent,

    /// <summary><c>"usage": null</c> (OpenAI, Azure).</summary>
    Null,

    /// <summary>The usage so far when <c>stream_options.continuous_usage_stats</c> is also true, else no field (vLLM).</summary>
    RunningWhenAsked,
}
