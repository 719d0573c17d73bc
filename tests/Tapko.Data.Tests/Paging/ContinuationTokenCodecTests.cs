
namespace Tapko.Data.Tests;

public sealed class ContinuationTokenCodecTests
{
    private readonly ContinuationTokenCodec codec = new(null);

    [Fact]
    public void Round_trips_the_position_for_the_same_binding()
    {
        var token = codec.Encode("binding-a", "01JDQ5ZC8B9N0XW3T6GJ2S4K5M");

        codec.Decode(token, "binding-a").Should().Be("01JDQ5ZC8B9N0XW3T6GJ2S4K5M");
    }

    [Fact]
    public void The_position_does_not_travel_in_clear()
    {
        // A page can end on another tenant's item when two tenants share a project id; its id must stay hidden.
        const string position = "01JDQ5ZC8B9N0XW3T6GJ2S4K5M";

        var raw = Base64Url.TryDecode(codec.Encode("binding", position))!;

        System.Text.Encoding.ASCII.GetString(raw).Should().NotContain(position);
        System.Text.Encoding.ASCII.GetString(raw).Should().NotContain(position[..10]);
        codec.Encode("binding", position).Should().NotBe(codec.Encode("binding", position), "each token has its own nonce");
    }

    [Fact]
    public void Tokens_are_url_safe()
    {
        for (var i = 0; i < 200; i++)
        {
            codec.Encode("b", "position-" + i).Should().MatchRegex("^[A-Za-z0-9_-]+$");
        }
    }

    [Fact]
    public void Refuses_a_token_from_another_query()
    {
        var token = codec.Encode("binding-a", "x");

        var act = () => codec.Decode(token, "binding-b");

        act.Should().Throw<InvalidContinuationTokenException>().WithMessage("*another query*");
    }

    [Fact]
    public void Refuses_every_single_character_change()
    {
        var token = codec.Encode("binding", "01JDQ5ZC8B9N0XW3T6GJ2S4K5M");
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        for (var i = 0; i < token.Length; i++)
        {
            foreach (var c in alphabet.Where(c => c != token[i]))
            {
                var forged = string.Concat(token.AsSpan(0, i), c.ToString(), token.AsSpan(i + 1));
                var act = () => codec.Decode(forged, "binding");
                act.Should().Throw<InvalidContinuationTokenException>($"position {i} changed to '{c}'");
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token!")]
    [InlineData("AQ")]
    [InlineData("A")]
    public void Refuses_malformed_tokens(string token)
    {
        var act = () => codec.Decode(token, "binding");

        act.Should().Throw<InvalidContinuationTokenException>();
    }

    [Fact]
    public void Refuses_truncated_and_oversized_tokens()
    {
        var token = codec.Encode("binding", "position");

        var truncated = () => codec.Decode(token[..^3], "binding");
        var huge = () => codec.Decode(new string('A', 5_000), "binding");

        truncated.Should().Throw<InvalidContinuationTokenException>();
        huge.Should().Throw<InvalidContinuationTokenException>().WithMessage("*length*");
    }

    [Fact]
    public void A_signing_key_makes_tokens_unusable_with_another_key()
    {
        var signed = new ContinuationTokenCodec(Enumerable.Repeat((byte)7, 32).ToArray());
        var otherKey = new ContinuationTokenCodec(Enumerable.Repeat((byte)8, 32).ToArray());
        var token = signed.Encode("binding", "position");

        signed.Decode(token, "binding").Should().Be("position");
        FluentActions.Invoking(() => otherKey.Decode(token, "binding")).Should().Throw<InvalidContinuationTokenException>();
        FluentActions.Invoking(() => codec.Decode(token, "binding")).Should().Throw<InvalidContinuationTokenException>();
    }

    [Fact]
    public void Bindings_differ_for_every_part_of_a_feedback_query()
    {
        var project = ProjectKey.Parse("u", "p");
        var query = new FeedbackQuery();
        var bindings = new[]
        {
            QueryBinding.Feedback(project, FeedbackIndex.ByCreation, query),
            QueryBinding.Feedback(ProjectKey.Parse("u2", "p"), FeedbackIndex.ByCreation, query),
            QueryBinding.Feedback(ProjectKey.Parse("u", "p2"), FeedbackIndex.ByCreation, query),
            QueryBinding.Feedback(project, FeedbackIndex.ByCreation, query with { Order = SortOrder.OldestFirst }),
            QueryBinding.Feedback(project, FeedbackIndex.ByCreation, query with { CreatedFrom = DateTimeOffset.UnixEpoch }),
            QueryBinding.Feedback(project, FeedbackIndex.ByCreation, query with { CreatedTo = DateTimeOffset.UnixEpoch }),
            QueryBinding.Feedback(project, StatusIndex.For(FeedbackStatus.Open), query),
            QueryBinding.Feedback(project, StatusIndex.For(FeedbackStatus.Resolved), query),
            QueryBinding.Projects(UserId.Parse("u")),
        };

        bindings.Should().OnlyHaveUniqueItems();
        QueryBinding.Feedback(project, FeedbackIndex.ByCreation, query with { PageSize = 7 }).Should().Be(QueryBinding.Feedback(project, FeedbackIndex.ByCreation, query), "the page size may change between pages");
    }
}
