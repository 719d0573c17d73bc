using System.ComponentModel.DataAnnotations;

namespace Tapko.Data.DependencyInjection;

/// <summary>A whole number between two bounds, inclusive; the message names the value found, as the other rules do.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class IntRangeAttribute(int minimum, int maximum) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is int number && number >= minimum && number <= maximum
            ? ValidationResult.Success
            : new ValidationResult(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{validationContext.MemberName} must be between {minimum:N0} and {maximum:N0} (was {value})."),
                    [validationContext.MemberName ?? string.Empty]);
}
