using OpenChat.Web.Components.Common;

namespace OpenChat.Web.Tests.Units;

public sealed class MessageSegmentTests
{
    [Fact]
    public void Text_around_a_fenced_block_stays_text_and_the_block_keeps_its_language_and_lines()
    {
        var segments = MessageSegment.Split("Here it is:\n```csharp\nvar x = 1;\n  Console.WriteLine(x);\n```\nDone.");

        Assert.Equal(
            [new MessageSegment(false, null, "Here it is:"), new MessageSegment(true, "csharp", "var x = 1;\n  Console.WriteLine(x);"), new MessageSegment(false, null, "Done.")],
            segments);
    }

    [Fact]
    public void A_fence_still_open_runs_to_the_end_as_an_answer_streams_in()
    {
        var segments = MessageSegment.Split("Start\n```\npartial code");

        Assert.Equal([new MessageSegment(false, null, "Start"), new MessageSegment(true, null, "partial code")], segments);
    }

    [Fact]
    public void Markdown_and_html_other_than_fences_are_left_as_the_text_they_are()
    {
        const string text = "# Title\n**bold** <script>alert(1)</script>\r\n- item";

        var segment = Assert.Single(MessageSegment.Split(text));

        Assert.False(segment.IsCode);
        Assert.Equal("# Title\n**bold** <script>alert(1)</script>\n- item", segment.Text);
    }

    [Fact]
    public void An_empty_message_has_no_segments() => Assert.Empty(MessageSegment.Split(""));
}
