namespace OpenChat.Deploy.Tests;

/// <summary>Paths in the repository these tests check.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenChat.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The tests run from inside the repository.");
    }
}
