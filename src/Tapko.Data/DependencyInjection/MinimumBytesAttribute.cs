using System.ComponentModel.DataAnnotations;

namespace Tapko.Data.DependencyInjection;

/// <summary>
/// A byte array of at least the given length, or nothing. DataAnnotations' <c>MinLength</c> finds a <c>Count</c> by
/// reflection on types it does not know, which trimming and Native AOT do not allow.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MinimumBytesAttribute(int minimum) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || (value is byte[] bytes && bytes.Length >= minimum)
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.MemberName} must be at least {minimum} bytes (was {(value as byte[])?.Length}).",
                [validationContext.MemberName ?? string.Empty]);
}
