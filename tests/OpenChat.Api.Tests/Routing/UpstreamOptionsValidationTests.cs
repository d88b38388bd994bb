using Microsoft.Extensions.Configuration;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Tests.Routing;

/// <summary>Start-up validation of the upstreams: each problem names the key to fix.</summary>
public sealed class UpstreamOptionsValidationTests
{
    [Fact]
    public void Several_named_upstreams_and_the_shorthand_are_read_with_their_keys()
    {
        var set = Read(new()
        {
            ["OpenChat:Upstream:BaseUrl"] = "https://api.openai.com/v1",
            ["OpenChat:Upstreams:azure:BaseUrl"] = "https://example.openai.azure.com/openai/v1",
            ["OpenChat:Upstreams:azure:Models:0"] = "gpt-4o=my-gpt4o",
            ["OpenChat:Upstreams:azure:Weight"] = "2.5",
        });

        Assert.Equal([("default", "OpenChat:Upstream"), ("azure", "OpenChat:Upstreams:azure")], set.Upstreams.Select(upstream => (upstream.Name, upstream.Key)));
        Assert.Equal(["*"], set.Upstreams[0].Options.Models);
        Assert.Equal(2.5, set.Upstreams[1].Options.Weight);
        Assert.True(new UpstreamSetOptionsValidator().Validate(null, set).Succeeded);
    }

    [Theory]
    [InlineData("Models:0", "", "OpenChat:Upstreams:local:Models:0 must name a model")]
    [InlineData("Models:0", "a=b=c", "OpenChat:Upstreams:local:Models:0 \"a=b=c\" must be a model name or client-name=deployment-name")]
    [InlineData("Models:0", "=deployment", "OpenChat:Upstreams:local:Models:0 \"=deployment\" must be")]
    [InlineData("Models:0", "gpt-*", "OpenChat:Upstreams:local:Models:0 \"gpt-*\" may use * only alone")]
    [InlineData("Weight", "0", "OpenChat:Upstreams:local:Weight must be a number above 0.")]
    [InlineData("Weight", "-1", "OpenChat:Upstreams:local:Weight must be a number above 0.")]
    [InlineData("MaxConcurrentRequests", "0", "OpenChat:Upstreams:local:MaxConcurrentRequests must be at least 1")]
    [InlineData("BaseUrl", "localhost:11434", "OpenChat:Upstreams:local:BaseUrl must be an absolute http(s) URL")]
    [InlineData("HeadersTimeout", "00:00:00", "OpenChat:Upstreams:local:HeadersTimeout must be a positive time span")]
    public void A_bad_value_names_its_key(string key, string value, string expected)
    {
        var set = Read(new()
        {
            ["OpenChat:Upstreams:local:BaseUrl"] = "http://localhost:11434/v1",
            ["OpenChat:Upstreams:local:Models:0"] = "llama3.2",
            [$"OpenChat:Upstreams:local:{key}"] = value,
        });

        var result = new UpstreamSetOptionsValidator().Validate(null, set);

        Assert.Contains(result.Failures!, failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_upstream_must_say_what_it_serves_and_list_each_model_once()
    {
        var set = Read(new()
        {
            ["OpenChat:Upstreams:bare:BaseUrl"] = "http://localhost:8000/v1",
            ["OpenChat:Upstreams:twice:BaseUrl"] = "http://localhost:8001/v1",
            ["OpenChat:Upstreams:twice:Models:0"] = "gpt-4o",
            ["OpenChat:Upstreams:twice:Models:1"] = "gpt-4o=other",
        });

        var failures = new UpstreamSetOptionsValidator().Validate(null, set).Failures!;

        Assert.Contains(failures, failure => failure.StartsWith("OpenChat:Upstreams:bare:Models must list the models it serves", StringComparison.Ordinal));
        Assert.Contains("OpenChat:Upstreams:twice:Models:1 lists gpt-4o a second time.", failures);
    }

    [Fact]
    public void The_shorthand_and_a_named_upstream_called_default_clash()
    {
        var set = Read(new()
        {
            ["OpenChat:Upstream:BaseUrl"] = "https://api.openai.com/v1",
            ["OpenChat:Upstreams:Default:BaseUrl"] = "https://api.openai.com/v1",
            ["OpenChat:Upstreams:Default:Models:0"] = "*",
        });

        var failures = new UpstreamSetOptionsValidator().Validate(null, set).Failures!;

        Assert.Contains("OpenChat:Upstreams:default repeats the name OpenChat:Upstream already has; give it another name.", failures);
    }

    [Fact]
    public void No_upstream_at_all_names_both_ways_of_configuring_one()
    {
        var failures = new UpstreamSetOptionsValidator().Validate(null, Read([])).Failures!;

        Assert.Contains(failures, failure => failure.StartsWith("OpenChat:Upstream:BaseUrl (or OpenChat:Upstreams:<name>:BaseUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("MaxAttempts", "0", "OpenChat:Routing:MaxAttempts must be between 1 and 10.")]
    [InlineData("FailureThreshold", "0", "OpenChat:Routing:FailureThreshold must be at least 1.")]
    [InlineData("Cooldown", "00:00:00", "OpenChat:Routing:Cooldown must be a positive time span such as 00:00:30.")]
    [InlineData("MaxCooldown", "00:00:01", "OpenChat:Routing:MaxCooldown must be at least OpenChat:Routing:Cooldown.")]
    public void A_bad_routing_value_names_its_key(string key, string value, string expected)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build().Get<RoutingOptions>()!;

        Assert.Contains(expected, new RoutingOptionsValidator().Validate(null, options).Failures!);
    }

    [Theory]
    [InlineData("gpt-4o", true)]
    [InlineData("gpt-4o=my-gpt4o", true)]
    [InlineData("*", false)]
    public void Refusing_unlisted_models_needs_an_alias_or_an_upstream_that_lists_models(string served, bool valid)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenChat:Upstreams:one:BaseUrl"] = "https://api.openai.com/v1",
            ["OpenChat:Upstreams:one:Models:0"] = served,
        }).Build();

        var result = new ModelOptionsValidator(configuration).Validate(null, new ModelOptions { AllowUnlistedModels = false });

        Assert.Equal(valid, result.Succeeded);
    }

    private static UpstreamSetOptions Read(Dictionary<string, string?> settings)
    {
        var set = new UpstreamSetOptions();
        UpstreamSetOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), set);
        return set;
    }
}
