using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Tapko.Data.Tests;

public sealed class PayloadConverterTests
{
    [Fact]
    public void Round_trips_every_json_kind()
    {
        var json = JsonDocument.Parse("""
            {"page":"/pricing","rating":4.5,"big":12345678901234567890123456789012345678,"tiny":-1.5e-100,
             "ok":true,"no":false,"none":null,"tags":["a","b",1,[2,{"x":"y"}]],"nested":{"deeper":{"empty":{}}},
             "emptyList":[],"emptyText":"","unicode":"héllo 😀 \u0000 tab\t"}
            """).RootElement;

        var map = PayloadConverter.ToAttributeValue(json, "payload");
        var back = PayloadConverter.FromAttributeValue(map);

        map.M.Should().NotBeNull();
        map.M!["tags"].L.Should().HaveCount(4);
        map.M["ok"].BOOL.Should().BeTrue();
        map.M["none"].NULL.Should().BeTrue();
        JsonElement.DeepEquals(back, json).Should().BeTrue(back.GetRawText());
    }

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("\"text\"", "JSON object")]
    [InlineData("42", "JSON object")]
    [InlineData("{\"a\":1,\"a\":2}", "property 'a' twice")]
    [InlineData("{\"n\":1e200}", "range")]
    [InlineData("{\"n\":1e-200}", "range")]
    [InlineData("{\"n\":1234567890123456789012345678901234567890}", "significant digits")]
    [InlineData("{\"s\":\"\\ud800\"}", "UTF-16")]
    [InlineData("{\"\\ud800\":true}", "UTF-16")]
    [InlineData("{\"a\":{\"x\\udc00y\":1}}", "UTF-16")]
    public void Refuses_what_dynamodb_cannot_store_exactly(string json, string rule)
    {
        var element = JsonDocument.Parse(json).RootElement;

        var act = () => PayloadConverter.ToAttributeValue(element, "feedback");

        act.Should().Throw<ArgumentException>().WithParameterName("feedback").WithMessage($"*{rule}*");
    }

    [Fact]
    public void Refuses_nesting_deeper_than_dynamodb_allows()
    {
        var ok = string.Concat(Enumerable.Repeat("{\"a\":", PayloadConverter.MaxDepth - 1)) + "1" + new string('}', PayloadConverter.MaxDepth - 1);
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", PayloadConverter.MaxDepth)) + "{}" + new string('}', PayloadConverter.MaxDepth);

        PayloadConverter.ToAttributeValue(JsonDocument.Parse(ok).RootElement, "p").M.Should().NotBeNull();
        var act = () => PayloadConverter.ToAttributeValue(JsonDocument.Parse(deep, new JsonDocumentOptions { MaxDepth = 200 }).RootElement, "p");
        act.Should().Throw<ArgumentException>().WithMessage("*nested deeper*");
    }

    [Fact]
    public void Reads_string_and_number_sets_an_operator_may_have_written()
    {
        var value = new AttributeValue { M = new() { ["ss"] = new() { SS = ["a", "b"] }, ["ns"] = new() { NS = ["1", "2.5"] } } };

        PayloadConverter.FromAttributeValue(value).GetRawText().Should().Be("""{"ss":["a","b"],"ns":[1,2.5]}""");
    }
}
