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
}
