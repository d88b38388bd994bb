using Microsoft.Playwright;
using OpenChat.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OpenChat.Web.Tests;

public sealed class ThemeAndKeyboardTests(ConsoleStack stack, BrowserFixture browser) : ConsoleBrowser(stack, browser)
{
    protected override BrowserNewContextOptions ContextOptions => new()
    {
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        ColorScheme = ColorScheme.Dark,
    };

    [Fact]
    public async Task The_console_follows_a_dark_system_theme_and_switches_to_light_on_request()
    {
        var page = await SignInAsync(ConsoleStack.GatewayKey);
        var body = page.Locator("body");

        await Expect(body).ToHaveAttributeAsync("data-theme", "dark");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Hello in the dark");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Assistant" })).ToContainTextAsync("You said: Hello in the dark");
        await Screenshots.TakeAsync(page, "console-playground-dark.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch between light and dark theme" }).ClickAsync();

        await Expect(body).Not.ToHaveAttributeAsync("data-theme", "dark");
    }

    [Fact]
    public async Task A_message_is_written_and_sent_with_the_keyboard_alone()
    {
        var page = await SignInAsync(ConsoleStack.GatewayKey);

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FocusAsync();
        await page.Keyboard.TypeAsync("typed, not clicked");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Assistant" })).ToContainTextAsync("You said: typed, not clicked");
    }
}
