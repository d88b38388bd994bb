namespace OpenChat.Web.Gateway;

/// <summary>A call to the Api that did not succeed; pages show <see cref="GatewayError.Describe"/>.</summary>
internal sealed class GatewayException(GatewayError error) : Exception(error.Describe())
{
    public GatewayError Error { get; } = error;
}
