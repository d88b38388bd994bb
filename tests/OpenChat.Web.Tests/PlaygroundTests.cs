using Microsoft.Playwright;
using OpenChat.ModelSimulator.Journal;
using OpenChat.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OpenChat.Web.Tests;

public sealed class PlaygroundTests(ConsoleStack stack, BrowserFixture browser) : ConsoleBrowser(stack, browser)
{
    [Fact]
    public async Task The_answer_appears_token_by_token_while_the_stream_runs_and_stop_cancels_it_upstream()
    {
        var page = await SignInAsync(ConsoleStack.GatewayKey);
        var script = $"stop-{Guid.NewGuid():N}";

        // 2000 words, one every 50 ms: the stream would run for 100 s, so whatever shows before Stop came mid-stream.
        await SendAsync(page, $$"""
            Tell me a long story.
            #sim {"id":"{{script}}","tokens":2000,"delay_ms":50}
            """);

        var answer = page.GetByRole(AriaRole.Article, new() { Name = "Answer" });
        await Expect(answer).ToContainTextAsync("alpha bravo charlie");
        Assert.Equal(JournalOutcomes.Running, Stack.Journal.Entries.Single(entry => entry.ScriptId == script).Outcome);

        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Stopped." })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeVisibleAsync();
        var cancelled = await Stack.Journal.WaitForAsync(
            entry => entry.ScriptId == script && entry.Outcome == JournalOutcomes.Cancelled,
            TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(cancelled.Chunks < 2000);
        await Expect(Facts(page, "Status")).ToHaveTextAsync("client_cancelled");
    }

    [Fact]
    public async Task A_server_tool_call_is_shown_with_its_arguments_result_and_duration_after_the_answer()
    {
        var page = await SignInAsync(ConsoleStack.GatewayKey);

        await SendAsync(page, """
            What is 6*7?
            #sim {"tool_calls":[{"name":"calculate","arguments":{"expression":"6*7"}}]}
            """);

        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Assistant" }).Last).ToContainTextAsync("42");
        var calls = page.GetByRole(AriaRole.Table, new() { Name = "Tool calls" });
        var row = calls.GetByRole(AriaRole.Row).Filter(new() { HasText = "calculate" });
        await Expect(row).ToContainTextAsync("6*7");
        await Expect(row).ToContainTextAsync("42");
        await Expect(row).ToContainTextAsync("ms");
        await Expect(Facts(page, "Status")).ToHaveTextAsync("completed");
        await Expect(Facts(page, "Rounds")).ToHaveTextAsync("2");
        await Expect(Facts(page, "Time to first token")).ToContainTextAsync("ms");
        await Expect(Facts(page, "Output tokens")).Not.ToHaveTextAsync("–");

        await Screenshots.TakeAsync(page, "console-playground.png");
    }

    [Fact]
    public async Task A_refusal_before_the_stream_is_shown_with_its_status_and_message()
    {
        var page = await SignInAsync(ConsoleStack.GatewayKey);

        await SendAsync(page, """
            Hello
            #sim {"status":429,"error_message":"Slow down, please.","error_type":"rate_limit_exceeded","error_code":"rate_limit_exceeded"}
            """);

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("The Api answered 429");
        await Expect(alert).ToContainTextAsync("Slow down, please.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_error_in_the_middle_of_the_stream_is_shown_after_the_words_that_came_before_it()
    {
        var page = await SignInAsync(ConsoleStack.GatewayKey);

        await SendAsync(page, """
            Hello
            #sim {"tokens":10,"fail_after":3,"fail_mode":"error_event"}
            """);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The stream failed");
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Assistant" }).Last).ToContainTextAsync("alpha bravo charlie");
    }

    [Fact]
    public async Task The_conversation_goes_on_with_the_system_prompt_and_the_earlier_turns()
    {
        var page = await SignInAsync(ConsoleStack.GatewayKey);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "System prompt" }).FillAsync("You are terse.");

        await SendAsync(page, "first turn");
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Assistant" }).Last).ToContainTextAsync("You said: first turn");
        await SendAsync(page, "second turn");
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Assistant" }).Last).ToContainTextAsync("You said: second turn");

        var request = await Stack.Journal.WaitForAsync(entry => entry.Body.Contains("second turn", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.Contains("You are terse.", request.Body, StringComparison.Ordinal);
        Assert.Contains("You said: first turn", request.Body, StringComparison.Ordinal);
    }

    private static async Task SendAsync(IPage page, string message)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync(message);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
    }

    /// <summary>The value of one fact of the last answer (status, rounds, tokens...).</summary>
    private static ILocator Facts(IPage page, string name) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Last answer" }).Locator("div").Filter(new() { Has = page.Locator("dt", new() { HasTextString = name }) }).Locator("dd");
}
