using System.ComponentModel.DataAnnotations;

namespace Tapko.Data.DependencyInjection;

/// <summary>An absolute URL, or nothing: the endpoint of the client the library creates.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class AbsoluteUrlAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || (value is string text && Uri.TryCreate(text, UriKind.Absolute, out _))
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.MemberName} must be an absolute URL (was '{value}').", [validationContext.MemberName ?? "ServiceUrl"]);
}
