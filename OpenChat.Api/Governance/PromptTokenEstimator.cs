using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using OpenChat.Api.Completions;

namespace OpenChat.Api.Governance;

/// <summary>
/// Estimates a request's prompt tokens before it goes upstream, with OpenAI's o200k tokenizer, the way OpenAI
/// counts chat prompts: the text of each message (content, text parts, names, tool calls), a few tokens of
/// framing per message, and the tools' definitions. Images and audio count a flat 85 tokens each. It reads the
/// request's parsed document (nothing is parsed twice) and stops counting once the estimate passes the limit,
/// so a huge prompt costs no more than one just over the limit. The upstream's usage corrects it afterwards.
/// </summary>
internal static class PromptTokenEstimator
{
    private const int TokensPerMessage = 3;
    private const int TokensForReplyPriming = 3;
    private const int TokensPerMediaPart = 85;

    // The vocabulary takes a moment to load and never changes: one per process.
    private static readonly Lazy<Tokenizer> s_tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the vocabulary (seconds on a busy machine), so the first request that needs it does not wait as long.</summary>
    public static void WarmUp() => _ = s_tokenizer.Value;

    /// <summary>The estimate, or a number above <paramref name="limit"/> as soon as the prompt is known to exceed it.</summary>
    public static long Estimate(ChatRequest request, long limit)
    {
        var count = new Counter(s_tokenizer.Value, limit);
        count.Add(TokensForReplyPriming);
        foreach (var message in request.Messages.EnumerateArray())
        {
            count.Add(TokensPerMessage);
            foreach (var property in message.EnumerateObject())
            {
                if (count.IsOver)
                {
                    return count.Total;
                }

                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        count.Text(property.Value);
                        break;
                    case JsonValueKind.Array when property.NameEquals("content"u8):
                        CountParts(ref count, property.Value);
                        break;
                    case JsonValueKind.Array or JsonValueKind.Object:
                        count.Json(property.Value);
                        break;
                }
            }
        }

        if (request.Tools is { } tools)
        {
            count.Json(tools);
        }

        return count.Total;
    }

    private static void CountParts(ref Counter count, JsonElement parts)
    {
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String)
            {
                count.Text(text);
            }
            else
            {
                count.Add(TokensPerMediaPart);
            }
        }
    }

    private struct Counter(Tokenizer tokenizer, long limit)
    {
        public long Total { get; private set; }

        public readonly bool IsOver => Total > limit;

        public void Add(long tokens) => Total += tokens;

        /// <summary>A string value, as its raw JSON without the quotes (escapes count as written: close enough).</summary>
        public void Text(JsonElement value)
        {
            var raw = JsonMarshal.GetRawUtf8Value(value);
            Count(raw.Length >= 2 ? raw[1..^1] : raw);
        }

        /// <summary>An object or array (tool calls, tool definitions), as its JSON text.</summary>
        public void Json(JsonElement value) => Count(JsonMarshal.GetRawUtf8Value(value));

        private void Count(ReadOnlySpan<byte> utf8)
        {
            if (utf8.IsEmpty || IsOver)
            {
                return;
            }

            var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8.Length));
            try
            {
                var length = Encoding.UTF8.GetChars(utf8, chars);
                var room = (int)Math.Min(int.MaxValue, limit - Total + 1);
                tokenizer.GetIndexByTokenCount(chars.AsSpan(0, length), room, out _, out var tokens, considerPreTokenization: true, considerNormalization: false);
                Total += tokens;
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }
}
