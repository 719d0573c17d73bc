
namespace Tapko.Data.Tests;

public sealed class Base64UrlTests
{
    [Fact]
    public void Round_trips_every_length()
    {
        for (var length = 0; length < 70; length++)
        {
            var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 37 + 250)).ToArray();
            var text = Base64Url.Encode(bytes);

            text.Should().NotContainAny("+", "/", "=");
            Base64Url.TryDecode(text).Should().Equal(bytes);
        }
    }

    [Theory]
    [InlineData("A")]
    [InlineData("AB=")]
    [InlineData("AB+C")]
    [InlineData("AB/C")]
    [InlineData("AF")]
    public void Refuses_non_canonical_or_foreign_text(string text)
    {
        Base64Url.TryDecode(text).Should().BeNull();
    }
}
