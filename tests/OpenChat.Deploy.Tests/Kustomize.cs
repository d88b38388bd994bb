using OpenChat.Testing;
using YamlDotNet.RepresentationModel;

namespace OpenChat.Deploy.Tests;

/// <summary>deploy/k8s as <c>kubectl kustomize</c> renders it, and the parts of it the tests look at.</summary>
internal static class Kustomize
{
    public const string SecretName = "openchat-secrets";

    /// <summary>Renders the base; skips the calling test where kubectl is missing.</summary>
    public static async Task<List<YamlMappingNode>> RenderAsync()
    {
        var (exitCode, output, error) = await CommandLine.RunAsync(RequiredProgram.Kubectl.Require(), ["kustomize", Repository.PathOf("deploy", "k8s")]);
        Assert.True(exitCode == 0, error);
        return Yaml.Documents(output);
    }

    public static IEnumerable<YamlMappingNode> OfKind(this IEnumerable<YamlMappingNode> documents, string kind) =>
        documents.Where(document => document.Text("kind") == kind);

    /// <summary>The Deployments and StatefulSets: everything that runs a pod.</summary>
    public static IEnumerable<YamlMappingNode> Workloads(this IEnumerable<YamlMappingNode> documents) =>
        documents.Where(document => document.Text("kind") is "Deployment" or "StatefulSet");

    public static YamlMappingNode Workload(this IEnumerable<YamlMappingNode> documents, string name) =>
        documents.Workloads().Single(document => document.Text("metadata", "name") == name);

    public static YamlNode PodSpec(this YamlMappingNode workload) => workload.At("spec", "template", "spec")!;

    /// <summary>Every container of the workload's pod, init containers included.</summary>
    public static IEnumerable<YamlNode> Containers(this YamlMappingNode workload) =>
        workload.PodSpec().Items("initContainers").Concat(workload.PodSpec().Items("containers"));

    public static YamlNode Container(this IEnumerable<YamlMappingNode> documents, string workload) =>
        documents.Workload(workload).PodSpec().Items("containers").Single(container => container.Text("name") == workload);

    public static YamlNode? Env(this YamlNode container, string name) =>
        container.Items("env").SingleOrDefault(variable => variable.Text("name") == name);

    /// <summary>The key of <see cref="SecretName"/> an environment variable is read from, or null.</summary>
    public static string? SecretKeyOf(this YamlNode container, string name)
    {
        var reference = container.Env(name)?.At("valueFrom", "secretKeyRef");
        return reference?.Text("name") == SecretName ? reference.Text("key") : null;
    }
}
