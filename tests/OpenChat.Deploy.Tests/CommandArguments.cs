namespace OpenChat.Deploy.Tests;

/// <summary>Reads a program's command line as a deployment file gives it.</summary>
internal static class CommandArguments
{
    /// <summary>The value that follows <paramref name="option"/>; fails the test when there is none.</summary>
    public static string ValueOf(IReadOnlyList<string> arguments, string option)
    {
        var index = arguments.ToList().IndexOf(option);
        Assert.True(index >= 0 && index + 1 < arguments.Count, $"{option} is missing from [{string.Join(' ', arguments)}].");
        return arguments[index + 1];
    }
}
