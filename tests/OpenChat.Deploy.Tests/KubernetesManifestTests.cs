using OpenChat.Testing;
using YamlDotNet.RepresentationModel;

namespace OpenChat.Deploy.Tests;

public sealed class KubernetesManifestTests
{
    [Fact]
    public async Task Kustomize_renders_probes_secrets_limits_and_an_autoscaler()
    {
        var (exitCode, output, error) = await CommandLine.RunAsync(RequiredProgram.Kubectl.Require(), ["kustomize", Repository.PathOf("deploy", "k8s")]);

        Assert.True(exitCode == 0, error);
        var documents = Yaml.Documents(output);
        Assert.All(documents.Where(d => d.Text("kind") != "Namespace"), d => Assert.Equal("openchat", d.Text("metadata", "namespace")));

        foreach (var name in new[] { "api", "tools" })
        {
            var deployment = documents.Single(d => d.Text("kind") == "Deployment" && d.Text("metadata", "name") == name);
            var container = (YamlMappingNode)((YamlSequenceNode)deployment.At("spec", "template", "spec", "containers")!).Children[0];
            Assert.Equal("/health", container.Text("readinessProbe", "httpGet", "path"));
            Assert.Equal("/alive", container.Text("livenessProbe", "httpGet", "path"));
            Assert.NotNull(container.Text("resources", "requests", "cpu"));
            Assert.NotNull(container.Text("resources", "limits", "memory"));
        }

        var api = documents.Single(d => d.Text("kind") == "Deployment" && d.Text("metadata", "name") == "api");
        var environment = ((YamlSequenceNode)api.At("spec", "template", "spec", "containers")!).Children[0].At("env") as YamlSequenceNode;
        var gatewayKey = environment!.Children.Single(e => e.Text("name") == "OpenChat__ApiKeys__0");
        Assert.Equal("openchat-secrets", gatewayKey.Text("valueFrom", "secretKeyRef", "name"));

        var autoscaler = documents.Single(d => d.Text("kind") == "HorizontalPodAutoscaler");
        Assert.Equal("api", autoscaler.Text("spec", "scaleTargetRef", "name"));
        Assert.Contains(documents, d => d.Text("kind") == "Secret" && d.Text("metadata", "name") == "openchat-secrets");
        Assert.Equal("ClusterIP", documents.Single(d => d.Text("kind") == "Service" && d.Text("metadata", "name") == "tools").Text("spec", "type"));
    }
}
