namespace Tapko.Data.Tests;

public sealed class IdTests
{
    // The parameter the Parse methods name in their ArgumentException.
    private const string ParameterName = "value";

    [Theory]
    [InlineData("", "must not be null or empty")]
    [InlineData("a#b", "delimiter '#'")]
    [InlineData("PROJECT#x", "delimiter '#'")]
    [InlineData("a\u0000b", "control characters")]
    [InlineData("a\nb", "control characters")]
    [InlineData(" a", "white space")]
    [InlineData("a ", "white space")]
    public void Bad_user_and_project_ids_are_refused_with_the_rule(string value, string rule)
    {
        var user = () => UserId.Parse(value);
        var project = () => ProjectId.Parse(value);

        user.Should().Throw<ArgumentException>().WithParameterName(ParameterName).WithMessage($"*{rule}*");
        project.Should().Throw<ArgumentException>().WithParameterName(ParameterName).WithMessage($"*{rule}*");
        UserId.TryParse(value, out _).Should().BeFalse();
        ProjectId.TryParse(value, out _).Should().BeFalse();
    }

    [Fact]
    public void A_lone_surrogate_is_refused()
    {
        // Not an InlineData case: test-case serialisation would replace the surrogate before the test saw it.
        var value = "a" + '\ud800' + "b";

        FluentActions.Invoking(() => UserId.Parse(value)).Should().Throw<ArgumentException>().WithMessage("*lone surrogate*");
        ProjectId.TryParse(value, out _).Should().BeFalse();
    }

    [Fact]
    public void Ids_are_bounded_in_length()
    {
        UserId.TryParse(new string('a', IdRules.MaxLength), out _).Should().BeTrue();
        var act = () => UserId.Parse(new string('a', IdRules.MaxLength + 1));

        act.Should().Throw<ArgumentException>().WithMessage($"*at most {IdRules.MaxLength}*");
    }

    [Fact]
    public void Null_is_refused()
    {
        var act = () => ProjectId.Parse(null!);

        act.Should().Throw<ArgumentException>().WithParameterName(ParameterName);
        ProjectId.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Valid_ids_round_trip_and_compare_by_value()
    {
        UserId.Parse("user-ü-😀").Value.Should().Be("user-ü-😀");
        ProjectId.Parse("p1").Should().Be(ProjectId.Parse("p1"));
        ProjectId.New().Should().NotBe(ProjectId.New());
        ProjectId.TryParse(ProjectId.New().Value, out _).Should().BeTrue();
    }

    [Fact]
    public void Feedback_ids_are_ulids_stamped_with_the_clock()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 11, 24, 15, 43, 45, 123, TimeSpan.Zero));

        var id = FeedbackId.New(clock);

        id.CreatedAt.Should().Be(clock.GetUtcNow());
        id.ToString().Should().HaveLength(26).And.MatchRegex("^[0-9A-HJKMNP-TV-Z]{26}$");
        FeedbackId.Parse(id.ToString()).Should().Be(id);
    }

    [Fact]
    public void Feedback_ids_are_normalised_to_upper_case()
    {
        var id = FeedbackId.Parse("01jdq5zc8b9n0xw3t6gj2s4k5m");

        id.ToString().Should().Be("01JDQ5ZC8B9N0XW3T6GJ2S4K5M");
    }

    [Theory]
    [InlineData("", "null or empty")]
    [InlineData("01JDQ5ZC8B9N0XW3T6GJ2S4K5", "26-character")]
    [InlineData("01JDQ5ZC8B9N0XW3T6GJ2S4K5MM", "26-character")]
    [InlineData("01JDQ5ZC8B9N0XW3T6GJ2S4K5U", "Crockford")]
    [InlineData("01JDQ5ZC8B9N0XW3T6GJ2S4K#M", "forbidden character")]
    [InlineData("81JDQ5ZC8B9N0XW3T6GJ2S4K5M", "first character must be 0-7")]
    [InlineData("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "no later than 9999-12-31")]
    [InlineData("76EZ91ZQ00ZZZZZZZZZZZZZZZZ", "no later than 9999-12-31")]
    public void Bad_feedback_ids_are_refused_with_the_rule(string value, string rule)
    {
        var act = () => FeedbackId.Parse(value);

        act.Should().Throw<ArgumentException>().WithParameterName(ParameterName).WithMessage($"*{rule}*");
        FeedbackId.TryParse(value, out _).Should().BeFalse();
    }

    [Fact]
    public void The_last_millisecond_of_9999_is_the_latest_feedback_id()
    {
        var last = FeedbackId.Parse("76EZ91ZPZZZZZZZZZZZZZZZZZZ");

        last.CreatedAt.Should().Be(new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero));
    }

    [Fact]
    public void Feedback_ids_sort_by_time()
    {
        var early = FeedbackId.New(new FixedTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1)));
        var late = FeedbackId.New(new FixedTimeProvider(DateTimeOffset.UnixEpoch.AddDays(2)));

        (early < late).Should().BeTrue();
        string.CompareOrdinal(early.ToString(), late.ToString()).Should().BeNegative();
    }

    [Fact]
    public void Range_bounds_enclose_every_id_of_their_millisecond()
    {
        var time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var id = FeedbackId.New(new FixedTimeProvider(time));

        string.CompareOrdinal(FeedbackId.MinAt(time).ToString(), id.ToString()).Should().BeLessThanOrEqualTo(0);
        string.CompareOrdinal(FeedbackId.MaxAt(time).ToString(), id.ToString()).Should().BeGreaterThanOrEqualTo(0);
        FeedbackId.MinAt(time).CreatedAt.Should().Be(time);
        FeedbackId.MaxAt(time).CreatedAt.Should().Be(time);
    }

    [Fact]
    public void Status_wire_names()
    {
        FeedbackStatus.Open.ToWireName().Should().Be("open");
        FeedbackStatus.InProgress.ToWireName().Should().Be("in-progress");
        FeedbackStatus.Resolved.ToWireName().Should().Be("resolved");
        FeedbackStatusNames.TryParse("in-progress", out var parsed).Should().BeTrue();
        parsed.Should().Be(FeedbackStatus.InProgress);
        FeedbackStatusNames.TryParse("Open", out _).Should().BeFalse();
        var act = () => ((FeedbackStatus)42).ToWireName();
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("status");
    }
}
