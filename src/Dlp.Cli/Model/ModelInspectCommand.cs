using System.CommandLine;
using System.Text.Json;
using DeepLearningPipelines.Nn.Loading;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Model;

/// <summary><c>dlp model inspect FILE</c>: inputs, outputs, parameters, FLOPs and operators of a model.</summary>
internal static class ModelInspectCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "An .onnx file, a TF.js model.json (or its folder), a Keras .h5/.keras file, or a zoo model name (a Keras architecture gets seeded random weights when its weights are absent)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: inputs, outputs, parameters, flops, operators" };
        var command = new Command("inspect",
            "Show a model's inputs and outputs (N or -1: dynamic batch), parameter count (elements of all weight tensors), " +
            "FLOPs for one image (2 per multiply-add of Conv, Gemm and MatMul, from shape inference at batch 1; " +
            "activations, pooling, normalisation and element-wise operators are not counted) and its operators as imported.")
        {
            model, json,
        };
        command.SetAction(parse =>
        {
            var stats = ModelStatistics.Of(ModelLoader.Load(parse.GetValue(model)!, new ModelLoadOptions { ZooWeights = ZooWeights.SeededRandomWhenAbsent }));
            if (parse.GetValue(json)) Console.WriteLine(ToJson(stats));
            else Print(parse.GetValue(model)!, stats);
            return 0;
        });
        return command;
    }

    private static string ToJson(ModelStatistics s) => JsonSerializer.Serialize(new
    {
        inputs = s.Inputs.Select(t => new { name = t.Name, shape = t.Shape }),
        outputs = s.Outputs.Select(t => new { name = t.Name, shape = t.Shape }),
        parameters = s.Parameters,
        flops = s.Flops,
        operators = s.Operators,
    });

    private static void Print(string model, ModelStatistics s)
    {
        var tensors = new Table().Title(Markup.Escape(model)).AddColumns("", "name", "shape");
        foreach (var t in s.Inputs) tensors.AddRow("input", Markup.Escape(t.Name), ShapeText(t.Shape));
        foreach (var t in s.Outputs) tensors.AddRow("output", Markup.Escape(t.Name), ShapeText(t.Shape));
        AnsiConsole.Write(tensors);
        Console.WriteLine($"parameters: {s.Parameters:N0}");
        Console.WriteLine(s.Flops is { } flops ? $"FLOPs per image: {flops:N0} ({flops / 1e9:F2} GFLOP; Conv, Gemm, MatMul)" : "FLOPs: not counted for graphs with several inputs");
        var operators = new Table().AddColumn("operator").AddColumn(new TableColumn("nodes").RightAligned());
        foreach (var (op, count) in s.Operators) operators.AddRow(op, count.ToString());
        AnsiConsole.Write(operators);
    }

    private static string ShapeText(int[] shape) => Markup.Escape("[" + string.Join(",", shape.Select(d => d < 0 ? "N" : d.ToString())) + "]");
}
