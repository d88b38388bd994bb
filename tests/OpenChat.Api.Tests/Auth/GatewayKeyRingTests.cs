using Microsoft.Extensions.Options;
using OpenChat.Api.Auth;

namespace OpenChat.Api.Tests.Auth;

public sealed class GatewayKeyRingTests
{
    private const string UserKey = "user-key-0123456789";
    private const string AdminKey = "admin-key-0123456789";

    private readonly GatewayKeyRing _ring = new(Options.Create(new GatewayKeyOptions { ApiKeys = [UserKey], AdminKeys = [AdminKey] }));

    [Fact]
    public void Accepts_configured_keys_and_tells_admins_apart()
    {
        Assert.True(_ring.TryAuthenticate(UserKey, out var user));
        Assert.True(_ring.TryAuthenticate(AdminKey, out var admin));

        Assert.False(user!.IsAdmin);
        Assert.True(admin!.IsAdmin);
        Assert.NotEqual(user.KeyId, admin.KeyId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("user-key-012345678")]
    [InlineData("user-key-01234567890")]
    [InlineData("USER-KEY-0123456789")]
    public void Refuses_anything_else(string presented)
    {
        Assert.False(_ring.TryAuthenticate(presented, out var caller));
        Assert.Null(caller);
    }

    [Fact]
    public void Key_ids_reveal_nothing_of_the_key()
    {
        var id = GatewayKeyRing.KeyIdOf(UserKey);

        Assert.Matches("^key_[0-9a-f]{12}$", id);
        Assert.DoesNotContain("user", id, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_validation_names_the_key_to_fix()
    {
        var validator = new GatewayKeyOptionsValidator();

        var none = validator.Validate(null, new GatewayKeyOptions());
        var tooShort = validator.Validate(null, new GatewayKeyOptions { ApiKeys = ["short"] });

        Assert.Contains("OpenChat:ApiKeys", none.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OpenChat:ApiKeys:0", tooShort.FailureMessage, StringComparison.Ordinal);
    }
}
