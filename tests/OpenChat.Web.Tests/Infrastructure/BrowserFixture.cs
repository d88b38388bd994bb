using Microsoft.Playwright;
using OpenChat.Testing;

namespace OpenChat.Web.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the test run (Debian's <c>chromium</c>: Playwright's own download is out of reach),
/// launched by the first test that needs it; each test opens its own context, so no cookie or storage is shared.
/// Where chromium is missing, that test is skipped (or fails under <c>.ci/run</c>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _launch = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ValueTask InitializeAsync()
    {
        // Auto-waiting assertions poll until this: generous, as the machine is shared and a circuit may start slowly.
        Assertions.SetDefaultExpectTimeout(20_000);
        return ValueTask.CompletedTask;
    }

    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var chromium = RequiredProgram.Chromium.Require();
        await _launch.WaitAsync();
        try
        {
            _playwright ??= await Playwright.CreateAsync();
            _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        }
        finally
        {
            _launch.Release();
        }

        var context = await _browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        context.SetDefaultTimeout(20_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _launch.Dispose();
    }
}
