using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenChat.ModelSimulator.Journal;
using OpenChat.ModelSimulator.Profiles;
using OpenChat.ModelSimulator.Script;

namespace OpenChat.ModelSimulator.Chat;

/// <summary>
/// Answers <c>POST /v1/chat/completions</c> as a model behind the configured (or scripted) provider would, from
/// the plan the conversation and its script make, with the configured (or scripted) time to first token and
/// delay between chunks.
/// </summary>
public sealed class ChatCompletionsResponder(
    IOptions<SimulatorOptions> options,
    SimulatorJournal journal,
    TokenClock clock,
    TimeProvider timeProvider,
    ILogger<ChatCompletionsResponder> logger)
{
    private readonly ConcurrentDictionary<string, int> _failuresByScript = new(StringComparer.Ordinal);

    public async Task RespondAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http.Request);
        var entry = journal.Begin(null, Headers(http.Request), Encoding.UTF8.GetString(body), stream: false);
        SseEventOutput? events = null;
        var outcome = JournalOutcomes.Completed;
        try
        {
            // The body is read before the key is checked because a script may pick the profile, and the
            // profile says which header carries the key; a bad body still answers 401 before 400.
            var (request, invalid) = Read(body);
            var profile = ProviderProfiles.Find(request?.Script.Profile ?? options.Value.Profile)!;
            if (!Authorized(http.Request, profile))
            {
                await WriteJsonAsync(http.Response, StatusCodes.Status401Unauthorized, profile.WriteUnauthorized);
                outcome = JournalOutcomes.Failed;
                return;
            }

            if (invalid is not null)
            {
                throw invalid;
            }

            var identified = entry with { ScriptId = request!.Script.Id, Stream = request.Stream, Profile = profile.Name };
            journal.Update(entry, identified);
            entry = identified;
            FailIfScripted(http.Response, request.Script);

            var answer = AnswerPlanner.Plan(request, profile);
            using var json = new CompletionJsonWriter(profile, NewId(), timeProvider.GetUtcNow().ToUnixTimeSeconds(), request);
            if (request.Stream)
            {
                events = new SseEventOutput(http.Response.BodyWriter, request.Script, http.RequestAborted);
                outcome = await StreamAsync(http, request, profile, answer, json, events) ? JournalOutcomes.Completed : JournalOutcomes.Failed;
            }
            else
            {
                await RespondWholeAsync(http, request, answer, json);
            }
        }
        catch (ChatRequestException error)
        {
            await WriteErrorAsync(http.Response, error);
            outcome = JournalOutcomes.Failed;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
        {
            outcome = JournalOutcomes.Cancelled;
            SimulatorLog.ClientLeft(logger);
        }
        finally
        {
            journal.Update(entry, entry with { Chunks = events?.Count ?? 0, StatusCode = http.Response.StatusCode, Outcome = outcome });
        }
    }

    // Providers take deeply nested JSON (tool schemas, message metadata) beyond a reader's default 64 levels.
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 256 };

    private (SimulatedRequest? Request, ChatRequestException? Invalid) Read(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, s_documentOptions);
            return (SimulatedRequestReader.Read(document.RootElement, options.Value.Models), null);
        }
        catch (JsonException exception)
        {
            return (null, ChatRequestException.Invalid($"We could not parse the JSON body of your request: {exception.Message}"));
        }
        catch (ChatRequestException invalid)
        {
            return (null, invalid);
        }
    }

    /// <returns>False when the script made the stream fail part way.</returns>
    private async Task<bool> StreamAsync(HttpContext http, SimulatedRequest request, IProviderProfile profile, SimulatedAnswer answer,
        CompletionJsonWriter json, SseEventOutput events)
    {
        var script = request.Script;
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["x-request-id"] = NewId();
        await response.StartAsync(http.RequestAborted);

        // Azure rates the prompt before the model starts, so its filter results come before the first token.
        if (profile.FiltersContent)
        {
            json.WritePromptFilterChunk(events.Data);
            await events.WriteDataAsync();
        }

        var delay = script.DelayMs is { } scripted ? TimeSpan.FromMilliseconds(scripted) : options.Value.InterTokenDelay;
        await WaitAsync(FirstTokenDelay(script), http.RequestAborted);
        if (AnnouncesRoleAlone(profile, answer))
        {
            json.WriteRoleChunk(events.Data);
            await events.WriteDataAsync();
        }

        var failsHere = FailsHere(script);
        for (var i = 0; i < answer.Pieces.Count; i++)
        {
            if (i == script.FailAfter && failsHere)
            {
                await FailMidStreamAsync(http, script, events);
                return false;
            }

            // The first token comes out when the time to first token is up; later ones on the clock's steps.
            if (i > 0)
            {
                await clock.NextTick(delay);
            }

            json.WriteContentChunk(events.Data, answer.Pieces[i]);
            await events.WriteDataAsync();
        }

        for (var index = 0; index < answer.ToolCalls.Count; index++)
        {
            var call = answer.ToolCalls[index];
            if (index > 0 || answer.Pieces.Count > 0)
            {
                await clock.NextTick(delay);
            }

            if (profile.ToolCalls == ToolCallDelivery.Whole)
            {
                json.WriteWholeToolCall(events.Data, index, call, answer.Legacy);
                await events.WriteDataAsync();
                continue;
            }

            json.WriteToolCallStart(events.Data, index, call, answer.Legacy);
            await events.WriteDataAsync();
            foreach (var fragment in call.Fragments)
            {
                await clock.NextTick(delay);
                json.WriteToolCallFragment(events.Data, index, call, fragment, answer.Legacy);
                await events.WriteDataAsync();
            }
        }

        json.WriteFinishChunk(events.Data, answer.FinishReason);
        await events.WriteDataAsync();
        if (request.IncludeUsage && script.Usage)
        {
            json.WriteUsageChunk(events.Data, answer.CompletionTokens);
            await events.WriteDataAsync();
        }

        await events.WriteDoneAsync();
        return true;
    }

    private static bool AnnouncesRoleAlone(IProviderProfile profile, SimulatedAnswer answer) => profile.Role switch
    {
        RoleDelivery.OwnChunk => true,
        RoleDelivery.OwnChunkUnlessToolCalls => answer.ToolCalls.Count == 0,
        _ => false,
    };

    private static async Task FailMidStreamAsync(HttpContext http, SimulatorScript script, SseEventOutput events)
    {
        if (script.FailMode == "error_event")
        {
            using (var writer = new Utf8JsonWriter(events.Data))
            {
                OpenAIErrorBody.Write(writer, "The simulated model failed mid-stream.", "server_error", "simulated_failure");
            }

            await events.WriteDataAsync();
            return;
        }

        http.Abort();
    }

    private async Task RespondWholeAsync(HttpContext http, SimulatedRequest request, SimulatedAnswer answer, CompletionJsonWriter json)
    {
        await WaitAsync(FirstTokenDelay(request.Script), http.RequestAborted);
        http.Response.ContentType = "application/json";
        http.Response.Headers["x-request-id"] = NewId();
        var buffer = new ArrayBufferWriter<byte>(1024);
        json.WriteCompletion(buffer, answer);
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }

    /// <summary>Fails the request as the script asks: every time, or the first <c>fail_times</c> times per script id.</summary>
    private void FailIfScripted(HttpResponse response, SimulatorScript script)
    {
        if (script.Status is not { } status || !FailsHere(script))
        {
            return;
        }

        if (script.FailTimes is { } times)
        {
            var failures = _failuresByScript.AddOrUpdate(script.Id ?? "", 1, static (_, count) => count + 1);
            if (failures > times)
            {
                return;
            }
        }

        if (script.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new ChatRequestException(status, script.ErrorMessage ?? $"The simulated model failed with {status}.",
            script.ErrorType ?? (status >= 500 ? "server_error" : "invalid_request_error"), script.ErrorCode);
    }

    /// <summary>Whether this instance is among those the script makes fail (all of them when it names none).</summary>
    private bool FailsHere(SimulatorScript script) => script.FailOn is not { } names || names.Contains(options.Value.Name);

    private bool Authorized(HttpRequest request, IProviderProfile profile)
    {
        if (options.Value.ApiKey is not { Length: > 0 } key)
        {
            return true;
        }

        var presented = request.Headers[profile.KeyHeader].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(profile.KeyScheme + key));
    }

    private TimeSpan FirstTokenDelay(SimulatorScript script) =>
        script.TimeToFirstTokenMs is { } scripted ? TimeSpan.FromMilliseconds(scripted) : options.Value.TimeToFirstToken;

    private Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, timeProvider, cancellationToken);

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static IEnumerable<KeyValuePair<string, string>> Headers(HttpRequest request) =>
        request.Headers.Select(header => KeyValuePair.Create(header.Key, header.Value.ToString()));

    private static Task WriteErrorAsync(HttpResponse response, ChatRequestException error) =>
        WriteJsonAsync(response, error.Status, writer => WriteError(writer, error));

    private static async Task WriteJsonAsync(HttpResponse response, int status, Action<Utf8JsonWriter> write)
    {
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = status;
        response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        await response.Body.WriteAsync(buffer.WrittenMemory);
    }

    private static void WriteError(Utf8JsonWriter writer, ChatRequestException error) =>
        OpenAIErrorBody.Write(writer, error.Message, error.Type, error.Code, error.Param);

    private static string NewId() => "chatcmpl-sim" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
