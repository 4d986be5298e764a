using System.CommandLine;
using System.Text.Json;
using DeepLearningPipelines.Nn.Zoo;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Models;

/// <summary><c>dlp models list [--json]</c>.</summary>
public static class ModelsListCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Write {\"models\":[…]} as JSON instead of a table." };
        var command = new Command("list", "List the built-in models: parameters, input size, preprocessing, feature size and whether weights are present.");
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            var models = ModelSummary.All(ModelRegistry.FromEnvironment());
            if (parseResult.GetValue(json)) Console.Out.WriteLine(ToJson(models));
            else AnsiConsole.Write(ToTable(models));
            return 0;
        });
        return command;
    }

    /// <summary>The JSON document: <c>{"models":[{"name":…,"parameters":…,"inputSize":…,"preprocessing":…,"featureSize":…,"weightsPresent":…},…]}</c>.</summary>
    public static string ToJson(IReadOnlyList<ModelSummary> models) => JsonSerializer.Serialize(new
    {
        models = models.Select(m => new { m.Name, m.Parameters, m.InputSize, m.Preprocessing, m.FeatureSize, m.WeightsPresent }),
    }, Json);

    private static Table ToTable(IReadOnlyList<ModelSummary> models)
    {
        var table = new Table().AddColumns("Model", "Parameters", "Input", "Preprocessing", "Feature layer", "Pooled", "Flattened", "Weights");
        foreach (var m in models)
            table.AddRow(m.Name, m.Parameters.ToString("N0"), $"{m.InputSize}×{m.InputSize}", m.Preprocessing, m.FeatureLayer,
                m.FeatureSize.ToString("N0"), m.FlattenedFeatureSize.ToString("N0"), m.WeightsPresent ? "[green]present[/]" : "[grey]missing[/]");
        return table;
    }
}
