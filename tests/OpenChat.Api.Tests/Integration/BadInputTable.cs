using System.Net;

namespace OpenChat.Api.Tests.Integration;

/// <summary>
/// README's bad-input table, row for row: what a client may get wrong, and the status and error code it gets back.
/// <see cref="BadInputTableTests"/> sends each row's request and checks that README lists exactly these rows.
/// </summary>
internal static class BadInputTable
{
    public static readonly IReadOnlyList<BadInput> Rows =
    [
        new("no `Authorization` header", HttpStatusCode.Unauthorized, "invalid_api_key", Key: null, Body: Chat("fast")),
        new("a key the gateway does not know", HttpStatusCode.Unauthorized, "invalid_api_key", Key: "not-a-key-0123456789abcdef", Body: Chat("fast")),
        new("a gateway key on `/admin/...`", HttpStatusCode.Forbidden, "insufficient_permissions", Method: "GET", Path: "/admin/keys"),
        new("an empty body", HttpStatusCode.BadRequest, "invalid_json", Body: ""),
        new("a body that is not JSON", HttpStatusCode.BadRequest, "invalid_json", Body: "{\"model\":\"fast\","),
        new("JSON that is not an object", HttpStatusCode.BadRequest, "invalid_json", Body: "[1,2]"),
        new("JSON nested deeper than 128 levels", HttpStatusCode.BadRequest, "invalid_json",
            Body: "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":" + new string('[', 130) + new string(']', 130) + "}]}"),
        new("a body over `OpenChat:Relay:MaxRequestBodyBytes`", HttpStatusCode.RequestEntityTooLarge, "request_too_large",
            Body: Chat("fast", new string('a', BadInputTableTests.BodyLimit))),
        new("no `messages`", HttpStatusCode.BadRequest, "missing_required_parameter", Body: "{\"model\":\"fast\"}"),
        new("`messages` not an array", HttpStatusCode.BadRequest, "invalid_type", Body: "{\"model\":\"fast\",\"messages\":\"hi\"}"),
        new("`messages` empty", HttpStatusCode.BadRequest, "invalid_value", Body: "{\"model\":\"fast\",\"messages\":[]}"),
        new("a message without `role`", HttpStatusCode.BadRequest, "missing_required_parameter", Body: "{\"model\":\"fast\",\"messages\":[{\"content\":\"hi\"}]}"),
        new("`model` not a string", HttpStatusCode.BadRequest, "invalid_type", Body: "{\"model\":[\"fast\"],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
        new("no `model`, and no `OpenChat:Relay:DefaultModel`", HttpStatusCode.BadRequest, "missing_required_parameter",
            Body: "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
        new("a string escaping a lone surrogate, such as `\"model\":\"\\ud800\"`", HttpStatusCode.BadRequest, "invalid_value",
            Body: "{\"model\":\"\\ud800\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
        new("`stream` not a boolean", HttpStatusCode.BadRequest, "invalid_type", Body: "{\"model\":\"fast\",\"stream\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
        new("`n` not a whole number of at least 1", HttpStatusCode.BadRequest, "invalid_value", Body: "{\"model\":\"fast\",\"n\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
        new("a function tool without a `name`", HttpStatusCode.BadRequest, "missing_required_parameter",
            Body: "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{}}]}"),
        new("a model that no upstream serves", HttpStatusCode.NotFound, "model_not_found", Body: Chat("no-such-model")),
        new("a model the key may not use", HttpStatusCode.Forbidden, "model_not_allowed", Key: BadInputTableTests.LimitedKey, Body: Chat("fast")),
        new("more requests in a minute than the key's `rpm`", HttpStatusCode.TooManyRequests, "rate_limit_exceeded", Key: BadInputTableTests.LimitedKey, Body: Chat("slow")),
        new("an unknown path", HttpStatusCode.NotFound, "unknown_url", Method: "GET", Path: "/v1/nothing-here"),
        new("a method the path does not take", HttpStatusCode.MethodNotAllowed, "method_not_allowed", Method: "GET", Path: "/v1/chat/completions"),
        new("`limit` out of range in a listing", HttpStatusCode.BadRequest, "invalid_value", Method: "GET", Path: "/v1/transcripts?limit=1000"),
        new("`before` that is not a transcript id", HttpStatusCode.BadRequest, "invalid_value", Method: "GET", Path: "/v1/transcripts?before=yesterday"),
        new("a transcript id that is not there, or is another key's", HttpStatusCode.NotFound, "transcript_not_found", Method: "GET", Path: "/v1/transcripts/tr_0000000000000000000000000000"),
        new("a usage range that ends before it starts", HttpStatusCode.BadRequest, "invalid_value", Method: "GET", Path: "/v1/usage?start=2025-06-02&end=2025-06-01"),
        new("an admin field of the wrong type, such as `\"rpm\":\"ten\"`", HttpStatusCode.BadRequest, "invalid_type",
            Key: BadInputTableTests.AdminKey, Path: "/admin/keys", Body: "{\"name\":\"k\",\"rpm\":\"ten\"}"),
        new("an admin field the gateway does not know", HttpStatusCode.BadRequest, "unknown_parameter",
            Key: BadInputTableTests.AdminKey, Path: "/admin/keys", Body: "{\"name\":\"k\",\"colour\":\"blue\"}"),
        new("an admin body that is not JSON", HttpStatusCode.BadRequest, "invalid_json",
            Key: BadInputTableTests.AdminKey, Path: "/admin/keys", Body: "{\"name\":"),
        new("an admin string escaping a lone surrogate, such as `\"name\":\"\\ud800\"`", HttpStatusCode.BadRequest, "invalid_value",
            Key: BadInputTableTests.AdminKey, Path: "/admin/keys", Body: "{\"name\":\"\\ud800\"}"),
        new("an admin body over 1 MiB (or `OpenChat:Relay:MaxRequestBodyBytes`, if lower)", HttpStatusCode.RequestEntityTooLarge, "request_too_large",
            Key: BadInputTableTests.AdminKey, Path: "/admin/keys", Body: "{\"name\":\"" + new string('a', BadInputTableTests.BodyLimit) + "\"}"),
        new("a key id that is not there", HttpStatusCode.NotFound, "key_not_found", Key: BadInputTableTests.AdminKey, Method: "GET", Path: "/admin/keys/key_000000000000"),
    ];

    private static string Chat(string model, string content = "hi") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"{{content}}"}]}""";
}

/// <summary>
/// One row: the request (a POST of <c>Body</c> to the chat endpoint with the gateway key, unless the row says
/// otherwise; a null <c>Key</c> sends none) and the status and code it gets.
/// </summary>
internal sealed record BadInput(
    string Input,
    HttpStatusCode Status,
    string Code,
    string? Key = BadInputTableTests.GatewayKey,
    string Method = "POST",
    string Path = "/v1/chat/completions",
    string? Body = null);
