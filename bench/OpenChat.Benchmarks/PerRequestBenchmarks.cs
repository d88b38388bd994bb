using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenChat.Api.Auth;
using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Governance;
using OpenChat.Api.Relay;
using OpenChat.Api.Requests;
using OpenChat.Api.Tools;
using OpenChat.Api.Transcripts;

namespace OpenChat.Benchmarks;

/// <summary>
/// What the Api does once per request, beside the per-chunk relay: check the key (the digest alone, and the whole
/// authentication the framework runs with it), name the completion, read the body, write the body
/// sent upstream (with the server tools added), estimate the prompt's tokens for a key with a tokens-per-minute
/// limit, and write the transcript at the end. The request is the load generator's, with a system prompt, a
/// short conversation and two client tools.
/// </summary>
[MemoryDiagnoser]
public class PerRequestBenchmarks
{
    private const string Key = "bench-gateway-key-0123456789abcdef";

    private static readonly ServerToolSet s_serverTools = new(
    [
        new ServerToolDefinition("calculate",
            """{"type":"function","function":{"name":"calculate","description":"Evaluates an arithmetic expression.","parameters":{"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"]}}}"""u8.ToArray(),
            """{"name":"calculate","description":"Evaluates an arithmetic expression.","parameters":{"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"]}}"""u8.ToArray()),
    ]);

    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private byte[] _body = [];
    private GatewayKeyRing _keyRing = null!;
    private IHost _authHost = null!;
    private CompletionRecord _record = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = Encoding.UTF8.GetBytes(StreamSamples.RequestBody());
        _keyRing = new GatewayKeyRing(Microsoft.Extensions.Options.Options.Create(new GatewayKeyOptions { ApiKeys = [Key, "another-key-0123456789abcdef"] }));
        var auth = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        auth.Configuration["OpenChat:ApiKeys:0"] = Key;
        auth.Configuration["OpenChat:Governance:Enabled"] = "false";
        auth.AddGatewayAuth();
        _authHost = auth.Build();
        using var request = Parse();
        _record = StreamSamples.Record(request);
    }

    [Benchmark(Description = "key check (configured keys)")]
    public bool CheckKey() => _keyRing.TryAuthenticate(Key, out _);

    /// <summary>A request's authentication as the middleware runs it: its own scope, handler, principal and ticket.</summary>
    [Benchmark(Description = "authenticate the request (configured key)")]
    public async Task<bool> Authenticate()
    {
        await using var scope = _authHost.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = "Bearer " + Key;
        return (await context.AuthenticateAsync()).Succeeded;
    }

    [Benchmark(Description = "name the completion (id with random bytes)")]
    public string NewCompletionId() => CompletionIds.New(_record.CreatedAt);

    [Benchmark(Baseline = true, Description = "read the request")]
    public int ReadRequest()
    {
        using var request = Parse();
        return request.ClientToolNames.Count;
    }

    [Benchmark(Description = "write the upstream body, server tools added")]
    public int WriteUpstreamBody()
    {
        using var request = Parse();
        _output.ResetWrittenCount();
        UpstreamBodyWriter.Write(_output, request, new UpstreamBodyPlan("gpt-4o-mini", s_serverTools, [], RequestUsage: true, ForbidToolCalls: false));
        return _output.WrittenCount;
    }

    [Benchmark(Description = "estimate the prompt's tokens")]
    public long EstimateTokens()
    {
        using var request = Parse();
        return PromptTokenEstimator.Estimate(request, limit: 100_000);
    }

    [Benchmark(Description = "write the transcript")]
    public int WriteTranscript()
    {
        using var json = TranscriptJson.Serialize(_record, 1024 * 1024).Json;
        return json.Length;
    }

    [GlobalCleanup]
    public void Cleanup() => _authHost.Dispose();

    private ChatRequest Parse()
    {
        var body = new PooledByteBuffer(_body.Length);
        body.Write(_body);
        return ChatRequestParser.Parse(body);
    }
}
