namespace OpenChat.ModelSimulator.Chat;

/// <summary>An error the simulator answers with, in OpenAI's shape.</summary>
public sealed class ChatRequestException(int status, string message, string type, string? code, string? param = null) : Exception(message)
{
    public int Status => status;

    public string Type => type;

    public string? Code => code;

    public string? Param => param;

    public static ChatRequestException Invalid(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, message, "invalid_request_error", code, param);
}
