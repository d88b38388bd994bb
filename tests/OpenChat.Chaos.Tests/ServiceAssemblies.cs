using System.Reflection;

namespace OpenChat.Chaos.Tests;

/// <summary>Where the build put each service this project starts (compiled in by the project file).</summary>
internal static class ServiceAssemblies
{
    public static string PathOf(string assemblyName)
    {
        var path = typeof(ServiceAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == assemblyName)?.Value
            ?? throw new InvalidOperationException($"The project file names no {assemblyName} to start.");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{assemblyName} has not been built.", path);
    }
}
