using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Tests;

public sealed class ExpiryTests
{
    private static readonly DateTimeOffset Thursday = new(2026, 12, 3, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Resolved_feedback_expires_at_the_first_UTC_midnight_at_least_its_retention_later()
    {
        Expiry.Resolved(Thursday, 1).Should().Be(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
        Expiry.Resolved(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), 1).Should().Be(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero), "a midnight is its own grid point");
        Expiry.Resolved(new DateTimeOffset(2026, 12, 3, 23, 0, 0, TimeSpan.FromHours(-5)), 1).Should().Be(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), "UTC decides");
    }

    [Fact]
    public void The_maximum_age_ends_on_the_first_Monday_midnight_at_least_that_age_after_creation()
    {
        var end = Expiry.MaxAge(Thursday, 7);
        end.Should().Be(new DateTimeOffset(2026, 12, 14, 0, 0, 0, TimeSpan.Zero));
        end.DayOfWeek.Should().Be(DayOfWeek.Monday);
        Expiry.MaxAge(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), 7).Should().Be(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void An_item_gets_the_earlier_of_its_expiries_and_none_while_not_resolved_without_a_maximum_age()
    {
        var both = new FeedbackRetention { ResolvedRetentionDays = 30, MaxAgeDays = 7 };
        Expiry.For(both, FeedbackStatus.Resolved, Thursday, Thursday).Should().Be(Expiry.MaxAge(Thursday, 7));
        Expiry.For(both, FeedbackStatus.Open, Thursday, Thursday).Should().Be(Expiry.MaxAge(Thursday, 7));
        Expiry.For(new FeedbackRetention { ResolvedRetentionDays = 2 }, FeedbackStatus.Resolved, Thursday, Thursday.AddDays(1)).Should().Be(Expiry.Resolved(Thursday.AddDays(1), 2));
        Expiry.For(new FeedbackRetention { ResolvedRetentionDays = 2 }, FeedbackStatus.InProgress, Thursday, Thursday).Should().BeNull();
        Expiry.For(FeedbackRetention.KeepForever, FeedbackStatus.Resolved, Thursday, Thursday).Should().BeNull();
        Expiry.For(null, FeedbackStatus.Resolved, Thursday, Thursday).Should().BeNull();
    }

    [Fact]
    public void Ids_dated_at_the_calendars_end_expire_at_its_end_instead_of_overflowing()
    {
        var last = new DateTimeOffset(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);
        Expiry.MaxAge(last, 7).Should().Be(DateTimeOffset.MaxValue);
        Expiry.Resolved(last, 90).Should().Be(DateTimeOffset.MaxValue);
        Expiry.ToAttribute(DateTimeOffset.MaxValue).N.Should().Be("253402300799");
    }

    [Fact]
    public void An_item_has_expired_from_its_instant_on()
    {
        var item = new Dictionary<string, AttributeValue> { ["ttl"] = Expiry.ToAttribute(Thursday) };
        item["ttl"].N.Should().Be(Thursday.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "DynamoDB's time to live wants epoch seconds");
        Expiry.HasExpired(item, Thursday.AddSeconds(-1)).Should().BeFalse();
        Expiry.HasExpired(item, Thursday).Should().BeTrue();
        Expiry.HasExpired([], Thursday).Should().BeFalse();
        Expiry.HasExpired(null, Thursday).Should().BeFalse();
    }

    [Fact]
    public void Policies_outside_their_ranges_are_refused_naming_the_rule()
    {
        new FeedbackRetention { ResolvedRetentionDays = 90, MaxAgeDays = 730 }.Require("p").Should().NotBeNull();
        FluentActions.Invoking(() => new FeedbackRetention { ResolvedRetentionDays = 91 }.Require("p")).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p").WithMessage("*1 to 90*");
        FluentActions.Invoking(() => new FeedbackRetention { MaxAgeDays = 6 }.Require("p")).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*7 to 730*");
    }
}
