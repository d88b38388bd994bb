namespace OpenChat.Deploy.Tests;

/// <summary>The flows deploy/k8s allows, worked out from its NetworkPolicies, and the ones it must not.</summary>
public sealed class KubernetesNetworkPolicyTests
{
    private const string Namespace = "openchat";

    private static readonly Peer s_api = Peer.Pod(Namespace, "api", "10.244.0.10");
    private static readonly Peer s_tools = Peer.Pod(Namespace, "tools", "10.244.0.11");
    private static readonly Peer s_redis = Peer.Pod(Namespace, "redis", "10.244.0.12");
    private static readonly Peer s_dashboard = Peer.Pod(Namespace, "dashboard", "10.244.0.13");
    private static readonly Peer s_stranger = Peer.Pod(Namespace, "stranger", "10.244.0.14");
    private static readonly Peer s_otherNamespace = Peer.Pod("default", "api", "10.244.1.20");
    private static readonly Peer s_ingressController = Peer.Pod("ingress-nginx", "ingress-nginx", "10.244.2.30");
    private static readonly Peer s_dns = Peer.Pod("kube-system", "kube-dns", "10.244.3.40", labelKey: "k8s-app");
    private static readonly Peer s_internet = Peer.Outside("203.0.113.7");
    private static readonly Peer s_kubernetesApi = Peer.Outside("10.96.0.1");
    private static readonly Peer s_cloudMetadata = Peer.Outside("169.254.169.254");

    public static TheoryData<string, string, int> AllowedFlows => new()
    {
        { "ingress-controller", "api", 8080 },
        { "internet", "api", 8080 },
        { "api", "tools", 8080 },
        { "api", "redis", 6379 },
        { "api", "dashboard", 18889 },
        { "tools", "dashboard", 18889 },
        { "internet", "dashboard", 18888 },
        { "api", "internet", 443 },
        { "tools", "internet", 443 },
        { "api", "dns", 53 },
        { "tools", "dns", 53 },
    };

    public static TheoryData<string, string, int> DeniedFlows => new()
    {
        { "internet", "tools", 8080 },
        { "ingress-controller", "tools", 8080 },
        { "other-namespace", "tools", 8080 },
        { "stranger", "tools", 8080 },
        { "dashboard", "tools", 8080 },
        { "redis", "tools", 8080 },
        { "internet", "redis", 6379 },
        { "other-namespace", "redis", 6379 },
        { "tools", "redis", 6379 },
        { "dashboard", "redis", 6379 },
        { "stranger", "redis", 6379 },
        { "internet", "dashboard", 18889 },
        { "stranger", "dashboard", 18889 },
        { "tools", "api", 8080 },
        { "api", "internet", 80 },
        { "api", "kubernetes-api", 443 },
        { "api", "cloud-metadata", 80 },
        { "api", "cloud-metadata", 443 },
        { "tools", "kubernetes-api", 443 },
        { "tools", "internet", 80 },
        { "redis", "internet", 443 },
        { "redis", "dns", 53 },
        { "dashboard", "internet", 443 },
        { "stranger", "internet", 443 },
        { "internet", "api", 9090 },
    };

    [Theory]
    [MemberData(nameof(AllowedFlows))]
    public async Task Allows_the_flows_the_services_need(string from, string to, int port)
    {
        var policies = await PoliciesAsync();

        Assert.True(policies.Allows(PeerNamed(from), PeerNamed(to), port, port == 53 ? "UDP" : "TCP"), $"{from} -> {to}:{port} is blocked.");
    }

    [Theory]
    [MemberData(nameof(DeniedFlows))]
    public async Task Denies_every_other_flow(string from, string to, int port)
    {
        var policies = await PoliciesAsync();

        Assert.False(policies.Allows(PeerNamed(from), PeerNamed(to), port, port == 53 ? "UDP" : "TCP"), $"{from} -> {to}:{port} is allowed.");
    }

    [Theory]
    [InlineData("tools", 8080, new[] { "api" })]
    [InlineData("redis", 6379, new[] { "api" })]
    [InlineData("dashboard", 18889, new[] { "api", "tools" })]
    public async Task An_internal_service_admits_only_its_callers_even_from_sources_free_to_send(string target, int port, string[] callers)
    {
        var policies = await PoliciesAsync();

        foreach (var source in new[] { "api", "tools", "redis", "dashboard", "stranger", "other-namespace", "ingress-controller", "internet" })
        {
            Assert.True(callers.Contains(source) == policies.IngressAllows(PeerNamed(source), PeerNamed(target), port),
                $"{target}:{port} {(callers.Contains(source) ? "refuses" : "admits")} {source}.");
        }
    }

    [Fact]
    public async Task A_default_deny_policy_isolates_every_pod_in_both_directions()
    {
        var documents = await Kustomize.RenderAsync();

        var defaultDeny = documents.OfKind("NetworkPolicy").Where(policy =>
            policy.At("spec", "podSelector") is YamlDotNet.RepresentationModel.YamlMappingNode { Children.Count: 0 }
            && policy.At("spec", "ingress") is null && policy.At("spec", "egress") is null);
        Assert.Equal(["Egress", "Ingress"], Assert.Single(defaultDeny).Items("spec", "policyTypes").Select(type => type.Text()).Order());
    }

    private static async Task<NetworkPolicies> PoliciesAsync() =>
        new(Namespace, [.. (await Kustomize.RenderAsync()).OfKind("NetworkPolicy")]);

    private static Peer PeerNamed(string name) => name switch
    {
        "api" => s_api,
        "tools" => s_tools,
        "redis" => s_redis,
        "dashboard" => s_dashboard,
        "stranger" => s_stranger,
        "other-namespace" => s_otherNamespace,
        "ingress-controller" => s_ingressController,
        "dns" => s_dns,
        "internet" => s_internet,
        "kubernetes-api" => s_kubernetesApi,
        "cloud-metadata" => s_cloudMetadata,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such peer."),
    };
}
