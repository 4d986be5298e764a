using System.Text.Json.Nodes;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli.Reliability;

/// <summary>Hostile input that used to end <c>dlp</c> with a stack trace: each now gets one error line and exit code 1.</summary>
public class TopLevelErrorTests
{
    private static string Samples => Path.Combine(TestPaths.RepoRoot, "samples");
    private static string SqueezeNet => Path.Combine(Samples, "models", "squeezenet1.1", "model.onnx");
    private static string Photo => Path.Combine(Samples, "birds-planes", "birds", "bird-001.jpg");

    [Fact]
    public void BirdsPlanesWithTwoPhotosPerClassSaysTheTestSplitIsEmpty()
    {
        var data = TestPaths.NewTempDir();
        foreach (var cls in new[] { "birds", "planes" })
        {
            Directory.CreateDirectory(Path.Combine(data, cls));
            foreach (var photo in Directory.GetFiles(Path.Combine(Samples, "birds-planes", cls)).Order().Where(GoesToTraining).Take(2))
                File.Copy(photo, Path.Combine(data, cls, Path.GetFileName(photo)));
        }
        string error = CliAssert.FailsCleanly(DlpProcess.Run("examples", "birds-planes", "--data", data, "--model", SqueezeNet, "--bgr",
            "--feature-layer", "fire9/concat_1", "--json"));
        Assert.Contains("left no test images: photos per class: birds/ 2, planes/ 2", error);
    }

    /// <summary>Whether the example's 75/25 split (seed 12345) puts the photo in the training set; it decides from the file name.</summary>
    private static bool GoesToTraining(string photo) =>
        RowIdentity.Draw(12345, RowIdentity.OfRecord(RowIdentity.OfName(Path.GetFileName(photo)), 0)) < 0.75;

    private static string HugeInputModel()
    {
        var layers = new JsonArray(
            JsonNode.Parse("""{"class_name": "InputLayer", "name": "pixels", "config": {"name": "pixels", "batch_input_shape": [null, 100000, 100000, 2]}, "inbound_nodes": []}"""),
            JsonNode.Parse("""{"class_name": "Flatten", "name": "flat", "config": {"name": "flat"}, "inbound_nodes": [[["pixels", 0, 0, {}]]]}"""));
        var model = new JsonObject
        {
            ["format"] = "layers-model",
            ["modelTopology"] = new JsonObject
            {
                ["model_config"] = new JsonObject
                {
                    ["class_name"] = "Functional",
                    ["config"] = new JsonObject
                    {
                        ["name"] = "huge", ["layers"] = layers,
                        ["input_layers"] = JsonNode.Parse("""[["pixels", 0, 0]]"""), ["output_layers"] = JsonNode.Parse("""[["flat", 0, 0]]"""),
                    },
                },
            },
            ["weightsManifest"] = new JsonArray(),
        };
        string path = Path.Combine(TestPaths.NewTempDir(), "model.json");
        File.WriteAllText(path, model.ToJsonString());
        return path;
    }

    public static TheoryData<string> HugeShapeCommands => ["inspect", "run", "predict"];

    [Theory]
    [MemberData(nameof(HugeShapeCommands))]
    public void AHugeInputShapeIsAModelErrorNamingTheFileTheLayerAndTheShape(string command)
    {
        string model = HugeInputModel();
        string[] args = command switch
        {
            "inspect" => ["model", "inspect", model],
            "run" => ["model", "run", model, "--input", Photo],
            _ => ["predict", "--model", model, Photo],
        };
        string error = CliAssert.FailsCleanly(DlpProcess.Run(args));
        Assert.Contains(model, error);
        Assert.Contains("layer 'pixels' (InputLayer): its output (None, 100000, 100000, 2) does not fit a tensor", error);
    }

    [Fact]
    public void FeaturizeIntoAMissingFolderFailsBeforeLoadingTheModel()
    {
        string missing = Path.Combine(TestPaths.NewTempDir(), "no-such-folder");
        string error = CliAssert.FailsCleanly(DlpProcess.Run("featurize", "--images", Path.Combine(Samples, "birds-planes"), "--model", "NoSuchModel.onnx",
            "--out", Path.Combine(missing, "f.csv")));
        Assert.Equal($"error: --out {Path.Combine(missing, "f.csv")}: the folder {missing} does not exist.", error);
    }

    [Fact]
    public void FeaturizeOntoAnExistingFolderIsRejected()
    {
        string folder = Path.Combine(TestPaths.NewTempDir(), "features.csv");
        Directory.CreateDirectory(folder);
        string error = CliAssert.FailsCleanly(DlpProcess.Run("featurize", "--images", Path.Combine(Samples, "birds-planes"), "--model", SqueezeNet, "--out", folder));
        Assert.Equal($"error: --out {folder}: is a folder; give a file name.", error);
    }

    [Fact]
    public void ModelsFolderThatIsAFileIsNamedOnStderr()
    {
        string file = Path.Combine(TestPaths.NewTempDir(), "models");
        File.WriteAllText(file, "not a folder");
        var run = DlpProcess.Run(new Dictionary<string, string> { ["DLP_MODELS"] = file, ["DLP_MODELS_URL"] = "http://127.0.0.1:9/" }, "models", "fetch", "MobileNet_0.25");
        Assert.Equal($"error: The models folder {file} is a file, not a folder. Set DLP_MODELS to a folder (it is created when missing).", CliAssert.FailsCleanly(run));
    }

    [Fact]
    public void OcrOutUnderAFileFailsBeforeTraining()
    {
        string file = Path.Combine(TestPaths.NewTempDir(), "report");
        File.WriteAllText(file, "");
        var run = DlpProcess.Run("examples", "ocr", "--out", Path.Combine(file, "ocr"), "--best-hidden", "8", "--best-max-iter", "5");
        Assert.Equal($"error: --out {Path.Combine(file, "ocr")}: {file} is a file, not a folder.", CliAssert.FailsCleanly(run));
        Assert.DoesNotContain("training", run.Stdout);
    }

    [Fact]
    public void VerbosePrintsTheStackTraceAfterTheErrorLine()
    {
        string missing = Path.Combine(TestPaths.NewTempDir(), "missing", "f.csv");
        var (code, _, stderr) = DlpProcess.Run("featurize", "--images", Samples, "--out", missing, "--verbose");
        Assert.Equal(1, code);
        Assert.StartsWith("error: --out", stderr);
        Assert.Contains("   at DeepLearningPipelines.Cli.OutputPaths.CheckFile", stderr);
    }
}
