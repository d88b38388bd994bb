using System.Net;
using System.Text.Json;

namespace OpenChat.Tools.Tests.Http;

internal static class OpenAiError
{
    /// <summary>Checks the status and OpenAI's error shape, exactly its four fields, and returns the error object.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string type, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var body = JsonElement.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["error"], PropertyNames(body));
        var error = body.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], PropertyNames(error));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error;
    }

    public static string[] PropertyNames(JsonElement element) => [.. element.EnumerateObject().Select(property => property.Name)];
}
