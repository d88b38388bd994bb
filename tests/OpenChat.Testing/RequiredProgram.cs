using Xunit;

namespace OpenChat.Testing;

/// <summary>
/// A program a test needs from the machine. Where it is missing the test is skipped, with the reason naming
/// the program and how to install it, so README's test command passes on a machine with only the .NET SDK.
/// Under <c>.ci/run</c>, which sets <see cref="RequireAllVariable"/>, a missing program fails the test instead:
/// CI must prove everything.
/// </summary>
public sealed record RequiredProgram(string Name, string Install)
{
    public const string RequireAllVariable = "OPENCHAT_REQUIRE_ALL_PROGRAMS";

    public static readonly RequiredProgram RedisServer = new("redis-server", "sudo apt-get install redis-server");

    public static readonly RequiredProgram DockerCompose = new("docker-compose", "sudo apt-get install docker-compose");

    public static readonly RequiredProgram Kubectl = new("kubectl", "see https://kubernetes.io/docs/tasks/tools/");

    public static readonly RequiredProgram Chromium = new("chromium", "sudo apt-get install chromium");

    /// <summary>The program's full path, or null when no directory of <c>PATH</c> has it.</summary>
    public string? Path => Environment.GetEnvironmentVariable("PATH")?
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => System.IO.Path.Combine(directory, Name))
        .FirstOrDefault(File.Exists);

    public bool IsInstalled => Path is not null;

    /// <summary>The program's path; skips the calling test (or fails it under <c>.ci/run</c>) when it is missing.</summary>
    public string Require()
    {
        if (Path is { } path)
        {
            return path;
        }

        var reason = $"{Name} is not installed; install it with: {Install}";
        if (Environment.GetEnvironmentVariable(RequireAllVariable) == "1")
        {
            Assert.Fail($"{reason}. {RequireAllVariable}=1 (set by .ci/run) requires every program the tests use.");
        }

        Assert.Skip(reason);
        return "";
    }
}
