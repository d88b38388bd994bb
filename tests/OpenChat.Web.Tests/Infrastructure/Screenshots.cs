using Microsoft.Playwright;

namespace OpenChat.Web.Tests.Infrastructure;

/// <summary>
/// The README's pictures of the console, taken by the tests only when <c>OPENCHAT_SCREENSHOTS=1</c>, so an ordinary
/// run changes nothing in the repository.
/// </summary>
public static class Screenshots
{
    public const string Variable = "OPENCHAT_SCREENSHOTS";

    /// <summary>Takes one picture of the whole page; <paramref name="masked"/> hide what must not be published (a secret).</summary>
    public static async Task TakeAsync(IPage page, string name, params ILocator[] masked)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            return;
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DocsDirectory(), name), FullPage = true, Mask = masked });
    }

    private static string DocsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenChat.sln")))
            {
                return Path.Combine(directory.FullName, "docs");
            }
        }

        throw new InvalidOperationException("The repository (OpenChat.sln) is not above the test's output.");
    }
}
