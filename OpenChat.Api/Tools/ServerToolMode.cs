namespace OpenChat.Api.Tools;

internal enum ServerToolMode
{
    All,
    None,
}
