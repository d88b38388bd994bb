namespace OpenChat.Api.Tools;

public enum ServerToolMode
{
    All,
    None,
}
