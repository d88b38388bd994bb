using System.Net;
using Microsoft.Playwright;
using OpenChat.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OpenChat.Web.Tests;

public sealed class TranscriptTests(ConsoleStack stack, BrowserFixture browser) : ConsoleBrowser(stack, browser)
{
    [Fact]
    public async Task An_answer_is_listed_newest_first_and_opens_with_its_messages_tool_calls_and_trace_link()
    {
        var older = await Stack.CompleteAsync(ConsoleStack.ListingKey, "gpt-4o", "the older one");
        var newer = await Stack.CompleteAsync(ConsoleStack.ListingKey, "gpt-4o-mini", """
            What is 6*7?
            #sim {"tool_calls":[{"name":"calculate","arguments":{"expression":"6*7"}}]}
            """);
        var page = await SignInAsync(ConsoleStack.ListingKey);

        await NavigateAsync(page, "Transcripts", "Transcripts");
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Transcripts, newest first" }).Locator("tbody tr");
        // This key's transcripts only: these two, newest first, and any the filter test made before them.
        await Expect(rows.Nth(0).GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("gpt-4o-mini");
        await Expect(rows.Nth(0)).ToContainTextAsync("completed");
        await Expect(rows.Nth(1).GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("gpt-4o");

        await rows.First.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Transcript", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText(newer.Id())).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "user message" })).ToContainTextAsync("What is 6*7?");
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Answer" })).ToContainTextAsync("42");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Tool calls" })).ToContainTextAsync("calculate");
        var traceId = newer.GetProperty("trace_id").GetString()!;
        var trace = page.GetByRole(AriaRole.Link).Filter(new() { HasText = traceId });
        await Expect(trace).ToHaveAttributeAsync("href", $"{ConsoleStack.DashboardUrl}traces/detail/{traceId}");

        await Screenshots.TakeAsync(page, "console-transcript.png");
        Assert.NotEqual(older.Id(), newer.Id());
    }

    [Fact]
    public async Task A_transcript_is_deleted_from_its_page_and_is_gone_from_the_api()
    {
        var id = (await Stack.CompleteAsync(ConsoleStack.GatewayKey, "gpt-4o-mini", "delete me")).Id();
        var page = await SignInAsync(ConsoleStack.GatewayKey);
        await page.GotoAsync(Url($"/transcripts/{id}"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete transcript" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Transcripts", Level = 1 })).ToBeVisibleAsync();
        using var api = Stack.CreateApiClient(ConsoleStack.GatewayKey);
        using var response = await api.GetAsync($"/v1/transcripts/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Messages_show_html_as_text_and_keep_fenced_code_blocks()
    {
        var id = (await Stack.CompleteAsync(ConsoleStack.GatewayKey, "gpt-4o-mini", """
            <script>window.injected = 1</script><img src="x" onerror="window.injected = 2">
            ```csharp
            Console.WriteLine("<b>42</b>");
            ```
            """)).Id();
        var page = await SignInAsync(ConsoleStack.GatewayKey);

        await page.GotoAsync(Url($"/transcripts/{id}"));

        var message = page.GetByRole(AriaRole.Article, new() { Name = "user message" });
        await Expect(message.GetByText("<script>window.injected = 1</script>", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(message.Locator("pre > code.language-csharp")).ToHaveTextAsync("Console.WriteLine(\"<b>42</b>\");");
        await Expect(message.Locator("script, img, b")).ToHaveCountAsync(0);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.injected"));
    }

    [Fact]
    public async Task The_list_filters_by_status_and_by_model()
    {
        var failed = (await Stack.CompleteAsync(ConsoleStack.ListingKey, "gpt-4.1-mini", """
            fail please
            #sim {"status":500,"error_message":"The model fell over."}
            """, succeeds: false)).Id();
        var page = await SignInAsync(ConsoleStack.ListingKey);
        await NavigateAsync(page, "Transcripts", "Transcripts");
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Transcripts, newest first" }).Locator("tbody tr");

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Status" }).ClickAsync();
        // FluentUI's options carry their role in ElementInternals, which Playwright's role engine does not read.
        await page.Locator("fluent-option").Filter(new() { HasTextString = "upstream_error" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("upstream_error");
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByText(failed)).ToBeVisibleAsync();

        await NavigateAsync(page, "Transcripts", "Transcripts");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Model filter" }).FillAsync("gpt-4.1-mini");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("gpt-4.1-mini");
    }
}
