using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Tapko.Data.DependencyInjection;

/// <summary>
/// A <see cref="TimeSpan"/> between two bounds, inclusive. DataAnnotations' own <c>Range(typeof(TimeSpan), ...)</c>
/// converts through a type converter found by reflection, which trimming and Native AOT do not allow.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TimeSpanRangeAttribute(string minimum, string maximum) : ValidationAttribute
{
    private readonly TimeSpan min = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
    private readonly TimeSpan max = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is TimeSpan span && span >= min && span <= max
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.MemberName} must be between {min} and {max} (was {value}).",
                [validationContext.MemberName ?? string.Empty]);
}
