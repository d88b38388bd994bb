using System.Net;
using Microsoft.Playwright;
using OpenChat.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OpenChat.Web.Tests;

public sealed class SignInTests(ConsoleStack stack, BrowserFixture browser) : ConsoleBrowser(stack, browser)
{
    [Fact]
    public async Task A_gateway_key_signs_in_and_the_console_offers_its_pages_but_not_the_admin_ones()
    {
        var page = await SignInAsync(ConsoleStack.GatewayKey);

        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Console" });
        foreach (var link in new[] { "Playground", "Transcripts", "Usage" })
        {
            await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = link })).ToBeVisibleAsync();
        }

        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Keys" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Signed in as")).ToContainTextAsync("key_");
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_no_session_starts()
    {
        var page = await SubmitKeyAsync("not-a-gateway-key-0123456789");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The Api refused this key.");
        await Expect(page.GetByLabel("Key")).ToHaveValueAsync("");
        Assert.DoesNotContain(await Context.CookiesAsync(), cookie => cookie.Name == "openchat.console");

        await page.GotoAsync(Url("/transcripts"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_key_never_reaches_the_browser_in_pages_storage_cookies_or_circuit_messages()
    {
        var received = new List<string>();
        Context.Page += (_, opened) => opened.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            lock (received)
            {
                received.Add(frame.Text ?? System.Text.Encoding.UTF8.GetString(frame.Binary ?? []));
            }
        };

        var page = await SignInAsync(ConsoleStack.GatewayKey);
        var seen = new List<string>();
        foreach (var (link, heading) in new[] { ("Transcripts", "Transcripts"), ("Usage", "Usage"), ("Playground", "Playground") })
        {
            await NavigateAsync(page, link, heading);
            seen.Add(await page.ContentAsync());
        }

        seen.Add(await page.EvaluateAsync<string>("() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })"));
        seen.AddRange((await Context.CookiesAsync()).Select(cookie => cookie.Value));
        lock (received)
        {
            seen.AddRange(received);
        }

        var response = await page.APIRequest.GetAsync(Url("/playground"));
        seen.Add(await response.TextAsync());

        Assert.Contains(seen, text => text.Contains("Playground", StringComparison.Ordinal));
        Assert.DoesNotContain(seen, text => text.Contains(ConsoleStack.GatewayKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_its_cookie_no_longer_signs_in()
    {
        var page = await SignInAsync(ConsoleStack.GatewayKey);
        var cookie = (await Context.CookiesAsync()).Single(cookie => cookie.Name == "openchat.console");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();

        // The same cookie, replayed: the server no longer holds its session, so it is refused.
        await Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = cookie.Name, Value = cookie.Value, Domain = cookie.Domain, Path = cookie.Path }]);
        await page.GotoAsync(Url("/transcripts"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_gateway_key_is_refused_on_the_admin_pages()
    {
        var page = await SignInAsync(ConsoleStack.GatewayKey);

        foreach (var path in new[] { "/keys", "/upstreams" })
        {
            await page.GotoAsync(Url(path));
            await Expect(page.GetByText("This page needs an admin key.")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create key" })).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task The_sign_in_form_refuses_a_post_without_its_antiforgery_token()
    {
        using var http = new HttpClient { BaseAddress = Stack.WebAddress };

        using var response = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.Key"] = ConsoleStack.GatewayKey,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
