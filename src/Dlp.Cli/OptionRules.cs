using System.CommandLine;

namespace DeepLearningPipelines.Cli;

/// <summary>Validators for option values, checked while the command line is parsed.</summary>
internal static class OptionRules
{
    /// <summary>Rejects a value below 1 for <paramref name="option"/>, saying what it counts.</summary>
    public static Option<int> Positive(this Option<int> option, string what)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || !int.TryParse(result.Tokens[^1].Value, out int value)) return; // a non-number is reported by the parser
            if (value < 1) result.AddError($"{option.Name} must be at least 1 ({what}), got {value}");
        });
        return option;
    }

    /// <summary>Rejects a value that is not one of <paramref name="allowed"/> (compared ignoring case).</summary>
    public static Option<string> OneOf(this Option<string> option, params string[] allowed)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[^1].Value is var value && !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
                result.AddError($"{option.Name} must be one of {string.Join(", ", allowed)}, got '{value}'");
        });
        return option;
    }

    /// <summary>Rejects a value that is not a comma-separated list of whole numbers of at least 1 (layer sizes such as <c>64,64</c>).</summary>
    public static Option<string[]> PositiveLists(this Option<string[]> option, string what)
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.Split(',').Any(part => !int.TryParse(part, out int n) || n < 1))
                    result.AddError($"{option.Name} must be {what} (whole numbers of at least 1, comma-separated), got '{token.Value}'");
        });
        return option;
    }
}
