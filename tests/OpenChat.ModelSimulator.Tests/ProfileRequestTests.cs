using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenChat.ModelSimulator.Journal;
using OpenChat.Testing;

namespace OpenChat.ModelSimulator.Tests;

/// <summary>Choosing a profile, the keys each provider expects, and what profiles change beyond the chunk shapes.</summary>
public sealed class ProfileRequestTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Azure_takes_its_key_in_the_api_key_header_and_refuses_a_bearer_token_in_its_own_error_shape()
    {
        var script = SimulatorFixture.Chat("#sim {\"profile\":\"azure\",\"reply\":\"ok\"}", stream: false);

        var (accepted, _) = await simulator.PostWithHeadersAsync(script, ("api-key", SimulatorFixture.ApiKey));
        var (bearer, body) = await simulator.PostWithHeadersAsync(script, ("Authorization", "Bearer " + SimulatorFixture.ApiKey));
        var (wrong, _) = await simulator.PostWithHeadersAsync(script, ("api-key", "wrong"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (accepted.StatusCode, bearer.StatusCode, wrong.StatusCode));
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal("401", error.GetProperty("code").GetString());
        Assert.StartsWith("Access denied due to invalid subscription key", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vllm_refuses_a_wrong_key_with_its_bare_unauthorized_error()
    {
        var (response, body) = await simulator.PostAsync(SimulatorFixture.Chat("#sim {\"profile\":\"vllm\"}"), key: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_profile_the_simulator_does_not_speak_is_a_400_naming_it()
    {
        var (response, body) = await simulator.PostAsync(SimulatorFixture.Chat("#sim {\"profile\":\"bedrock\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(("invalid_simulator_script", "messages[0].content"), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
        Assert.Contains("profile", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"bedrock\"", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whole_answers_follow_the_profile()
    {
        var azure = await WholeAsync("azure");
        var ollama = await WholeAsync("ollama");
        var vllm = await WholeAsync("vllm");

        Assert.Equal(0, azure.GetProperty("prompt_filter_results")[0].GetProperty("prompt_index").GetInt32());
        Assert.False(azure.GetProperty("prompt_filter_results")[0].GetProperty("content_filter_results").GetProperty("jailbreak").GetProperty("detected").GetBoolean());
        Assert.Equal("safe", azure.GetProperty("choices")[0].GetProperty("content_filter_results").GetProperty("violence").GetProperty("severity").GetString());
        Assert.Equal(["choices", "created", "id", "model", "object", "prompt_filter_results", "system_fingerprint", "usage"], azure.EnumerateObject().Select(p => p.Name));
        Assert.Equal("fp_ollama", ollama.GetProperty("system_fingerprint").GetString());
        Assert.Equal(["role", "content"], ollama.GetProperty("choices")[0].GetProperty("message").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["prompt_tokens", "completion_tokens", "total_tokens"], ollama.GetProperty("usage").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, vllm.GetProperty("choices")[0].GetProperty("stop_reason").ValueKind);
        Assert.False(vllm.TryGetProperty("system_fingerprint", out _));
        Assert.All([azure, ollama, vllm], answer => Assert.Equal("in words", answer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Vllm_reports_the_usage_so_far_on_every_chunk_with_continuous_usage_stats()
    {
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat("#sim {\"profile\":\"vllm\",\"reply\":\"one two three\"}",
            extra: "\"stream_options\":{\"include_usage\":true,\"continuous_usage_stats\":true}"));

        var chunks = WireFormatTests.Events(body)[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        var completion = chunks.Select(chunk => chunk.GetProperty("usage").GetProperty("completion_tokens").GetInt32()).ToList();
        Assert.Equal([0, 1, 2, 3, 3, 3], completion);
        Assert.All(chunks, chunk =>
        {
            var usage = chunk.GetProperty("usage");
            Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        });
    }

    [Fact]
    public async Task OpenAI_pads_every_chunk_with_obfuscation_unless_the_request_turns_it_off()
    {
        var (_, padded) = await simulator.PostAsync(SimulatorFixture.Chat("#sim {\"reply\":\"a b\"}"));
        var (_, plain) = await simulator.PostAsync(SimulatorFixture.Chat("#sim {\"reply\":\"a b\"}", extra: "\"stream_options\":{\"include_obfuscation\":false}"));

        Assert.All(WireFormatTests.Events(padded)[..^1], e => Assert.Equal(JsonValueKind.String, JsonDocument.Parse(e).RootElement.GetProperty("obfuscation").ValueKind));
        Assert.All(WireFormatTests.Events(plain)[..^1], e => Assert.False(JsonDocument.Parse(e).RootElement.TryGetProperty("obfuscation", out _)));
    }

    [Fact]
    public async Task OpenAI_streams_a_legacy_function_call_with_the_role_in_its_first_delta()
    {
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat(
            "#sim {\"tool_calls\":[{\"name\":\"calc\",\"arguments\":{\"x\":1}}]}", extra: "\"functions\":[{\"name\":\"calc\"}]"));

        var chunks = WireFormatTests.Events(body)[..^1].Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices")[0]).ToList();
        var first = chunks[0].GetProperty("delta");
        Assert.Equal(("assistant", JsonValueKind.Null, "calc"),
            (first.GetProperty("role").GetString(), first.GetProperty("content").ValueKind, first.GetProperty("function_call").GetProperty("name").GetString()));
        Assert.Equal("{\"x\":1}", string.Concat(chunks.Select(c => c.GetProperty("delta")).Where(d => d.TryGetProperty("function_call", out _))
            .Select(d => d.GetProperty("function_call").GetProperty("arguments").GetString())));
        Assert.Equal("function_call", chunks[^1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Vllm_does_not_read_legacy_functions_and_answers_in_words()
    {
        var (_, body) = await simulator.PostAsync(SimulatorFixture.Chat(
            "#sim {\"profile\":\"vllm\",\"reply\":\"in words\",\"tool_calls\":[{\"name\":\"calc\",\"arguments\":{}}]}", stream: false, extra: "\"functions\":[{\"name\":\"calc\"}]"));

        var choice = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];
        Assert.Equal(("stop", "in words"), (choice.GetProperty("finish_reason").GetString(), choice.GetProperty("message").GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Simulator_Profile_sets_the_default_and_a_script_overrides_it()
    {
        await using var factory = new KestrelAppFactory<SimulatorJournal>(new Dictionary<string, string?>
        {
            ["Simulator:TimeToFirstToken"] = "00:00:00",
            ["Simulator:InterTokenDelay"] = "00:00:00",
            ["Simulator:Profile"] = "ollama",
        });
        using var client = new HttpClient { BaseAddress = factory.Start() };

        var byDefault = await FingerprintAsync(client, "plain");
        var overridden = await FingerprintAsync(client, "#sim {\"profile\":\"openai\"}");

        Assert.Equal(("fp_ollama", "fp_simulator"), (byDefault, overridden));
        Assert.Equal(["ollama", "openai"], factory.Services.GetRequiredService<SimulatorJournal>().Entries.Select(entry => entry.Profile));
    }

    [Fact]
    public async Task An_unknown_Simulator_Profile_stops_start_up_naming_the_key()
    {
        var outcome = await FailedStartup.RunAsync(typeof(SimulatorJournal).Assembly.Location,
            new Dictionary<string, string?> { ["Simulator:Profile"] = "bedrock" }, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.False(outcome.Listened);
        Assert.Contains($"{typeof(OptionsValidationException).FullName}: ", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("Simulator:Profile", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("\"bedrock\"", outcome.StandardError, StringComparison.Ordinal);
    }

    private static async Task<string?> FingerprintAsync(HttpClient client, string message)
    {
        using var response = await client.PostAsync("/v1/chat/completions",
            new StringContent(SimulatorFixture.Chat(message, stream: false), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("system_fingerprint").GetString();
    }

    private async Task<JsonElement> WholeAsync(string profile)
    {
        var script = SimulatorFixture.Chat($"#sim {{\"profile\":\"{profile}\",\"reply\":\"in words\"}}", stream: false);
        var (response, body) = await simulator.PostAsAsync(profile, script);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(body).RootElement;
    }
}
