using System.Globalization;
using System.Net;
using YamlDotNet.RepresentationModel;

namespace OpenChat.Deploy.Tests;

/// <summary>
/// One side of a connection: a pod (its namespace and labels) or an address outside the cluster (no namespace).
/// </summary>
internal sealed record Peer(string? Namespace, IReadOnlyDictionary<string, string> Labels, IPAddress Address)
{
    public static Peer Pod(string @namespace, string name, string address, string labelKey = "app.kubernetes.io/name") =>
        new(@namespace, new Dictionary<string, string> { [labelKey] = name }, IPAddress.Parse(address));

    public static Peer Outside(string address) => new(null, new Dictionary<string, string>(), IPAddress.Parse(address));

    public override string ToString() => Namespace is null ? Address.ToString() : $"{Namespace}/{string.Join(',', Labels.Values)}";
}

/// <summary>
/// Decides, as Kubernetes does, whether the NetworkPolicies of one namespace let a connection through: a pod
/// selected by a policy of a type is isolated for that direction and admits only what some rule of those
/// policies matches; a connection needs the egress side of its source and the ingress side of its target.
/// Pods of other namespaces are assumed to have no policies of their own.
/// </summary>
internal sealed class NetworkPolicies(string @namespace, IReadOnlyList<YamlMappingNode> policies)
{
    public bool Allows(Peer from, Peer to, int port, string protocol = "TCP") =>
        IngressAllows(from, to, port, protocol) && (from.Namespace != @namespace || Admits(from, "Egress", "egress", "to", to, port, protocol));

    /// <summary>The target's side alone: what it would accept from a source free to send anywhere.</summary>
    public bool IngressAllows(Peer from, Peer to, int port, string protocol = "TCP") =>
        to.Namespace != @namespace || Admits(to, "Ingress", "ingress", "from", from, port, protocol);

    private bool Admits(Peer pod, string type, string rulesKey, string peersKey, Peer other, int port, string protocol)
    {
        var selecting = policies.Where(policy => Selects(policy.At("spec", "podSelector"), pod.Labels) && TypesOf(policy).Contains(type)).ToList();
        return selecting.Count == 0 || selecting.SelectMany(policy => policy.Items("spec", rulesKey))
            .Any(rule => MatchesPeers(rule, peersKey, other) && MatchesPorts(rule, port, protocol));
    }

    private static List<string> TypesOf(YamlMappingNode policy)
    {
        var types = policy.Items("spec", "policyTypes").Select(type => type.Text()!).ToList();
        if (types.Count > 0)
        {
            return types;
        }

        return policy.At("spec", "egress") is null ? ["Ingress"] : ["Ingress", "Egress"];
    }

    private bool MatchesPeers(YamlNode rule, string peersKey, Peer other)
    {
        var peers = rule.Items(peersKey).ToList();
        return peers.Count == 0 || peers.Any(peer => MatchesPeer(peer, other));
    }

    private bool MatchesPeer(YamlNode peer, Peer other)
    {
        if (peer.At("ipBlock") is { } block)
        {
            return InBlock(block, other.Address);
        }

        if (other.Namespace is null)
        {
            return false;
        }

        var namespaceSelector = peer.At("namespaceSelector");
        var namespaceMatches = namespaceSelector is null
            ? other.Namespace == @namespace
            : Selects(namespaceSelector, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = other.Namespace });
        var podSelector = peer.At("podSelector");
        return namespaceMatches && (podSelector is null || Selects(podSelector, other.Labels));
    }

    private static bool InBlock(YamlNode block, IPAddress address) =>
        IPNetwork.Parse(block.Text("cidr")!).Contains(address)
        && !block.Items("except").Any(except => IPNetwork.Parse(except.Text()!).Contains(address));

    private static bool MatchesPorts(YamlNode rule, int port, string protocol)
    {
        var ports = rule.Items("ports").ToList();
        return ports.Count == 0 || ports.Any(entry =>
            (entry.Text("protocol") ?? "TCP") == protocol
            && (entry.Text("port") is not { } number || int.Parse(number, CultureInfo.InvariantCulture) == port));
    }

    /// <summary>A label selector: every <c>matchLabels</c> pair and every <c>In</c> expression hold; an empty selector selects all.</summary>
    private static bool Selects(YamlNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
        {
            return true;
        }

        var labelsMatch = selector.At("matchLabels") is not YamlMappingNode matchLabels || matchLabels.Children.All(pair =>
            labels.TryGetValue(pair.Key.Text()!, out var value) && value == pair.Value.Text());
        var expressionsMatch = selector.Items("matchExpressions").All(expression =>
        {
            Assert.Equal("In", expression.Text("operator"));
            return labels.TryGetValue(expression.Text("key")!, out var value) && expression.Items("values").Any(allowed => allowed.Text() == value);
        });
        return labelsMatch && expressionsMatch;
    }
}
