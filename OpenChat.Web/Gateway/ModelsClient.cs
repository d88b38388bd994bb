namespace OpenChat.Web.Gateway;

/// <summary><c>GET /v1/models</c>: the model names the signed-in key may ask for.</summary>
internal sealed class ModelsClient(GatewayCaller caller)
{
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var list = await caller.GetAsync<ModelList>("v1/models", cancellationToken);
        return [.. list.Data.Select(model => model.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private sealed record ModelList(IReadOnlyList<Model> Data);

    private sealed record Model(string Id);
}
