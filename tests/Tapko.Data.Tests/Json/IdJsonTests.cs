using System.Text.Json;
using static Tapko.Data.Tests.Json.JsonFixtures;

namespace Tapko.Data.Tests.Json;

/// <summary>JSON can carry only ids and statuses a store call accepts; anything else fails while reading.</summary>
public sealed class IdJsonTests
{
    [Theory]
    [InlineData("\"a#b\"", "*delimiter '#'*")]
    [InlineData("\"\"", "*must not be null or empty*")]
    [InlineData("\" user\"", "*white space*")]
    [InlineData("42", "*must be a JSON string*")]
    [InlineData("{\"Value\":\"user-1\"}", "*must be a JSON string*")]
    [InlineData("null", "*must be a JSON string*")]
    public void A_bad_user_or_project_id_is_refused_with_the_rule(string json, string message)
    {
        FluentActions.Invoking(() => JsonSerializer.Deserialize<UserId>(json, Web))
            .Should().Throw<JsonException>().WithMessage(message);
        FluentActions.Invoking(() => JsonSerializer.Deserialize<ProjectId>(json, Web))
            .Should().Throw<JsonException>().WithMessage(message);
    }

    [Theory]
    [InlineData("\"not-a-ulid\"", "*26-character ULID*")]
    [InlineData("\"81JDQ3S8ZK0000000000000000\"", "*first character must be 0-7*")]
    [InlineData("{\"CreatedAt\":\"2026-11-24T15:43:45Z\"}", "*must be a JSON string*")]
    public void A_bad_feedback_id_is_refused_with_the_rule(string json, string message)
    {
        FluentActions.Invoking(() => JsonSerializer.Deserialize<FeedbackId>(json, Web))
            .Should().Throw<JsonException>().WithMessage(message);
    }

    [Fact]
    public void A_lower_case_feedback_id_is_normalised()
    {
        JsonSerializer.Deserialize<FeedbackId>("\"01jdq3s8zk0000000000000000\"", Web).ToString()
            .Should().Be("01JDQ3S8ZK0000000000000000");
    }

    [Theory]
    [InlineData(FeedbackStatus.Open, "\"open\"")]
    [InlineData(FeedbackStatus.InProgress, "\"in-progress\"")]
    [InlineData(FeedbackStatus.Resolved, "\"resolved\"")]
    public void Statuses_use_their_wire_names(FeedbackStatus status, string json)
    {
        JsonSerializer.Serialize(status, Web).Should().Be(json);
        JsonSerializer.Deserialize<FeedbackStatus>(json, Web).Should().Be(status);
        JsonSerializer.Serialize<FeedbackStatus?>(status, Web).Should().Be(json);
    }

    [Theory]
    [InlineData("\"InProgress\"")]
    [InlineData("\"in_progress\"")]
    [InlineData("\"Open\"")]
    [InlineData("1")]
    public void Anything_but_a_wire_name_is_not_a_status(string json)
    {
        FluentActions.Invoking(() => JsonSerializer.Deserialize<FeedbackStatus>(json, Web))
            .Should().Throw<JsonException>().WithMessage("*open, in-progress or resolved*");
    }

    [Fact]
    public void An_undefined_status_is_not_written()
    {
        FluentActions.Invoking(() => JsonSerializer.Serialize((FeedbackStatus)7, Web))
            .Should().Throw<JsonException>().WithMessage("*7 is not a defined feedback status*");
    }

    [Fact]
    public void A_default_id_is_written_as_null_and_is_never_read_back_as_an_id()
    {
        JsonSerializer.Serialize(default(UserId), Web).Should().Be("null");
        JsonSerializer.Serialize(default(FeedbackId), Web).Should().Be("null");
        JsonSerializer.Serialize<ProjectId?>(null, Web).Should().Be("null");
        JsonSerializer.Deserialize<ProjectId?>("null", Web).Should().BeNull();
        FluentActions.Invoking(() => JsonSerializer.Deserialize<ProjectId>("null", Web)).Should().Throw<JsonException>();
    }

    [Fact]
    public void Ids_are_parsable_the_way_route_and_query_binding_parses_them()
    {
        // Minimal APIs and MVC bind any IParsable<T> from a route or query string this way.
        Bind<UserId>("user-1").Value.Should().Be("user-1");
        Bind<ProjectId>(Key.ProjectId.Value).Should().Be(Key.ProjectId);
        Bind<FeedbackId>("01jdq3s8zk0000000000000000").ToString().Should().Be("01JDQ3S8ZK0000000000000000");
        ProjectId.TryParse("a#b", out _).Should().BeFalse();
    }

    private static T Bind<T>(string text)
        where T : IParsable<T> =>
        T.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException(text);
}
