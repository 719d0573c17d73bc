using Tapko.Data.Internal;

namespace Tapko.Data.Tests;

public sealed class DynamoNumberTests
{
    [Theory]
    [InlineData("0", "", 0)]
    [InlineData("-0.0", "", 0)]
    [InlineData("120", "12", 2)]
    [InlineData("1.50", "15", 0)]
    [InlineData("0.0015", "15", -3)]
    [InlineData("1.5e10", "15", 10)]
    [InlineData("-25E-3", "25", -2)]
    public void Decomposes_into_significant_digits_and_exponent(string json, string digits, int exponent)
    {
        DynamoNumber.Decompose(json).Should().Be((digits, exponent));
    }

    [Theory]
    [InlineData("9.99e125", true)]
    [InlineData("1e126", false)]
    [InlineData("1e-130", true)]
    [InlineData("1e-131", false)]
    [InlineData("12345678901234567890123456789012345678", true)]
    [InlineData("123456789012345678901234567890123456789", false)]
    public void Validates_dynamodb_number_limits(string json, bool valid)
    {
        (DynamoNumber.Validate(json) is null).Should().Be(valid);
    }
}
