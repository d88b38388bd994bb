namespace OpenChat.ModelSimulator.Profiles;

/// <summary>The profiles the simulator speaks, by name.</summary>
public static class ProviderProfiles
{
    public const string Default = "openai";

    private static readonly IProviderProfile[] s_all = [new OpenAIProfile(), new AzureOpenAIProfile(), new OllamaProfile(), new VllmProfile()];

    public static IReadOnlyList<string> Names { get; } = [.. s_all.Select(profile => profile.Name)];

    /// <returns>The profile of that name (exact, lower case), or null.</returns>
    public static IProviderProfile? Find(string? name) => s_all.FirstOrDefault(profile => profile.Name == name);
}
