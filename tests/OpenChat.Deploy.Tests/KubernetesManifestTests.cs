using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace OpenChat.Deploy.Tests;

public sealed class KubernetesManifestTests
{
    private static readonly string[] s_secretKeys = ["gateway-key", "admin-key", "upstream-api-key", "tools-service-key", "redis-password"];

    [Fact]
    public async Task Kustomize_renders_probes_limits_and_an_autoscaler_in_the_namespace()
    {
        var documents = await Kustomize.RenderAsync();

        Assert.All(documents.Where(d => d.Text("kind") != "Namespace"), d => Assert.Equal("openchat", d.Text("metadata", "namespace")));
        foreach (var name in new[] { "api", "tools" })
        {
            var container = documents.Container(name);
            Assert.Equal("/health", container.Text("readinessProbe", "httpGet", "path"));
            Assert.Equal("/alive", container.Text("livenessProbe", "httpGet", "path"));
            Assert.NotNull(container.Text("resources", "requests", "cpu"));
            Assert.NotNull(container.Text("resources", "limits", "memory"));
        }

        Assert.Equal("api", documents.OfKind("HorizontalPodAutoscaler").Single().Text("spec", "scaleTargetRef", "name"));
        Assert.Equal("ClusterIP", documents.OfKind("Service").Single(d => d.Text("metadata", "name") == "tools").Text("spec", "type"));
    }

    [Fact]
    public async Task The_base_holds_no_secret_and_reads_every_key_from_the_secret_the_readme_creates()
    {
        var documents = await Kustomize.RenderAsync();
        var readme = await File.ReadAllTextAsync(Repository.PathOf("README.md"), TestContext.Current.CancellationToken);

        Assert.Empty(documents.OfKind("Secret"));
        var references = documents.Workloads().SelectMany(workload => workload.Containers())
            .SelectMany(container => container.Items("env"))
            .Select(variable => variable.At("valueFrom", "secretKeyRef"))
            .OfType<YamlMappingNode>()
            .ToList();
        Assert.All(references, reference => Assert.Equal(Kustomize.SecretName, reference.Text("name")));
        Assert.Equal(s_secretKeys.Order(), references.Select(reference => reference.Text("key")!).Distinct().Order());
        Assert.Contains($"create secret generic {Kustomize.SecretName}", readme, StringComparison.Ordinal);
        Assert.All(s_secretKeys, key => Assert.Contains($"--from-literal={key}=", readme, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_and_tools_read_the_same_service_key_from_the_secret()
    {
        var documents = await Kustomize.RenderAsync();

        Assert.Equal("tools-service-key", documents.Container("api").SecretKeyOf("OpenChat__Tools__ServiceKey"));
        Assert.Equal("tools-service-key", documents.Container("tools").SecretKeyOf("OpenChat__Tools__ServiceKey"));
    }

    [Fact]
    public async Task Redis_requires_the_password_from_the_secret_and_the_api_connects_with_it()
    {
        var documents = await Kustomize.RenderAsync();
        var redis = documents.Container("redis");
        var arguments = Arguments(redis);

        var password = ExpandedVariable(CommandArguments.ValueOf(arguments, "--requirepass"));
        Assert.Equal("redis-password", redis.SecretKeyOf(password));
        Assert.Equal("redis-password", redis.SecretKeyOf("REDISCLI_AUTH"));

        var api = documents.Container("api");
        var connectionString = api.Env("ConnectionStrings__redis")!.Text("value")!;
        var apiPassword = ExpandedVariable(connectionString.Split(',').Single(part => part.StartsWith("password=", StringComparison.Ordinal))["password=".Length..]);
        Assert.Equal("redis-password", api.SecretKeyOf(apiPassword));
        // Kubernetes expands $(VAR) only from variables defined earlier in the list.
        var names = api.Items("env").Select(variable => variable.Text("name")).ToList();
        Assert.True(names.IndexOf(apiPassword) < names.IndexOf("ConnectionStrings__redis"), $"{apiPassword} must come before ConnectionStrings__redis.");
    }

    [Fact]
    public async Task Redis_never_evicts_and_keeps_maxmemory_well_below_its_memory_limit()
    {
        var documents = await Kustomize.RenderAsync();
        var redis = documents.Container("redis");
        var arguments = Arguments(redis);

        Assert.Equal("noeviction", CommandArguments.ValueOf(arguments, "--maxmemory-policy"));
        Assert.Equal("yes", CommandArguments.ValueOf(arguments, "--appendonly"));
        var maxMemory = MemorySize.FromRedis(CommandArguments.ValueOf(arguments, "--maxmemory"));
        var limit = MemorySize.FromKubernetes(redis.Text("resources", "limits", "memory")!);
        Assert.InRange(maxMemory, 1, limit * 3 / 4);
        // A pod that may be evicted for memory takes the data with it: requests equal limits.
        Assert.Equal(redis.Text("resources", "limits", "memory"), redis.Text("resources", "requests", "memory"));
    }

    [Fact]
    public async Task Every_container_runs_as_a_numeric_non_root_user_with_a_read_only_file_system_and_no_capabilities()
    {
        var documents = await Kustomize.RenderAsync();

        var workloads = documents.Workloads().ToList();
        Assert.Equal(["api", "dashboard", "redis", "tools"], workloads.Select(workload => workload.Text("metadata", "name")).Order());
        foreach (var workload in workloads)
        {
            Assert.Equal("false", workload.PodSpec().Text("automountServiceAccountToken"));
            foreach (var container in workload.Containers())
            {
                var name = container.Text("name");
                var context = container.At("securityContext");
                Assert.True(context is not null, $"{name} has no securityContext.");
                Assert.Equal("true", context.Text("runAsNonRoot"));
                Assert.True(int.TryParse(context.Text("runAsUser"), NumberStyles.None, CultureInfo.InvariantCulture, out var user) && user > 0, $"{name} runs as '{context.Text("runAsUser")}'.");
                Assert.Equal("true", context.Text("readOnlyRootFilesystem"));
                Assert.Equal("false", context.Text("allowPrivilegeEscalation"));
                Assert.Equal(["ALL"], context.Items("capabilities", "drop").Select(capability => capability.Text()));
                Assert.Empty(context.Items("capabilities", "add"));
                Assert.Equal("RuntimeDefault", context.Text("seccompProfile", "type"));
            }
        }
    }

    [Theory]
    [InlineData("api")]
    [InlineData("tools")]
    [InlineData("dashboard")]
    public async Task A_dotnet_container_writes_only_to_an_empty_dir_at_tmp_as_the_dotnet_app_user(string name)
    {
        var documents = await Kustomize.RenderAsync();
        var workload = documents.Workload(name);
        var container = documents.Container(name);

        // 1654 is the "app" user of the .NET images (ContainerImageTests checks the images' own user).
        Assert.Equal("1654", container.Text("securityContext", "runAsUser"));
        var mount = Assert.Single(container.Items("volumeMounts"));
        Assert.Equal("/tmp", mount.Text("mountPath"));
        var volume = workload.PodSpec().Items("volumes").Single(volume => volume.Text("name") == mount.Text("name"));
        Assert.NotNull(volume.At("emptyDir"));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("tools")]
    public async Task The_service_drains_and_shuts_down_within_the_pod_s_grace(string name)
    {
        var documents = await Kustomize.RenderAsync();
        var container = documents.Container(name);

        var grace = Seconds(documents.Workload(name).PodSpec().Text("terminationGracePeriodSeconds"));
        var preStop = Seconds(container.Text("lifecycle", "preStop", "sleep", "seconds"));
        // The Api's own grace setting; Tools, which holds no streams, takes the host's variable.
        var shutdown = name == "api"
            ? (int)TimeSpan.Parse(container.Env("OpenChat__ShutdownTimeout")!.Text("value")!, CultureInfo.InvariantCulture).TotalSeconds
            : Seconds(container.Env("DOTNET_SHUTDOWNTIMEOUTSECONDS")?.Text("value"));

        Assert.InRange(preStop, 1, grace);
        Assert.True(preStop + shutdown < grace, $"preStop {preStop} s + shutdown {shutdown} s must end before the grace of {grace} s.");
    }

    private static List<string> Arguments(YamlNode container) => [.. container.Items("args").Select(argument => argument.Text()!)];


    /// <summary>The variable of a Kubernetes <c>$(VAR)</c> reference.</summary>
    private static string ExpandedVariable(string reference)
    {
        Assert.Matches(@"^\$\([A-Za-z_][A-Za-z0-9_]*\)$", reference);
        return reference[2..^1];
    }

    private static int Seconds(string? text)
    {
        Assert.True(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds), $"'{text}' is not a number of seconds.");
        return seconds;
    }
}
