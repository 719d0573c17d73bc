
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
    [InlineData("1e99999999999999999999", false)]
    [InlineData("1e-99999999999999999999", false)]
    [InlineData("0e99999999999999999999", true)]
    public void Validates_dynamodb_number_limits(string json, bool valid)
    {
        (DynamoNumber.Validate(json) is null).Should().Be(valid);
    }

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData("1.50", "1.5")]
    [InlineData("15E-1", "1.5")]
    [InlineData("0.15e1", "1.5")]
    [InlineData("2e0", "2")]
    [InlineData("2.000", "2")]
    [InlineData("-0.0", "0")]
    [InlineData("0e99999999999999999999", "0")]
    [InlineData("120", "120")]
    [InlineData("1.2e2", "120")]
    [InlineData("-0.0015", "-0.0015")]
    [InlineData("1e19", "10000000000000000000")]
    [InlineData("1e20", "1E+20")]
    [InlineData("1.23e-21", "1.23E-21")]
    [InlineData("9.99e125", "9.99E+125")]
    [InlineData("12345678901234567890123456789012345678", "1.2345678901234567890123456789012345678E+37")]
    public void Every_spelling_of_a_value_has_one_canonical_text(string json, string canonical)
    {
        DynamoNumber.Canonical(json).Should().Be(canonical);
        DynamoNumber.Decompose(DynamoNumber.Canonical(json)).Should().Be(DynamoNumber.Decompose(json), "the value is kept");
    }
}
