using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenChat.Web.Tests.Infrastructure;

/// <summary>What most tests do first: a fresh browser context, and a page of the console signed in with a key.</summary>
public abstract class ConsoleBrowser(ConsoleStack stack, BrowserFixture browser) : IAsyncLifetime
{
    private IBrowserContext? _context;

    protected ConsoleStack Stack { get; } = stack;

    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("The context opens with the test.");

    /// <summary>Options of the test's browser context (a dark colour scheme, clipboard permissions).</summary>
    protected virtual BrowserNewContextOptions ContextOptions => new() { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } };

    public virtual async ValueTask InitializeAsync()
    {
        _context = await browser.NewContextAsync(ContextOptions);

        // Tests reach nothing but loopback; a page that fetches from elsewhere (a CDN) fails where it would.
        await _context.RouteAsync(
            url => !new Uri(url).IsLoopback,
            route => route.AbortAsync("blockedbyclient"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    protected string Url(string path) => new Uri(Stack.WebAddress, path).ToString();

    /// <summary>Opens the sign-in page and submits the key, without checking where it leads.</summary>
    protected async Task<IPage> SubmitKeyAsync(string key)
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync(Url("/signin"));
        await page.GetByLabel("Key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    /// <summary>Signs in and waits for the playground, which shows only once its circuit is live.</summary>
    protected async Task<IPage> SignInAsync(string key)
    {
        var page = await SubmitKeyAsync(key);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Playground" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Goes to a page of the console by its navigation link, as a user would.</summary>
    protected static async Task NavigateAsync(IPage page, string link, string heading)
    {
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
    }
}
