using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli;

/// <summary>
/// <c>--device</c> and <c>DLP_DEVICE</c> on the CLI: <c>cuda</c> with the managed engine and <c>cuda</c> on the CPU ONNX
/// Runtime package end with one clear error and exit code 1; unknown names are refused; the help lists the option.
/// </summary>
public class DeviceOptionTests
{
    private static string[] ModelRun(params string[] extra) =>
        ["model", "run", SharedModels.SqueezeNet, "--input", Path.Combine(SharedModels.Folder, "squeezenet1.1", "fish.png"), "--bgr", .. extra];

    [Fact]
    public void CudaOnTheCpuPackageNamesTheGpuPackageAndExitsWithOne()
    {
        var (code, stdout, stderr) = DlpProcess.Run(ModelRun("--device", "cuda"));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("error: device cuda: this ONNX Runtime has no CUDA execution provider", stderr);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux package (instead of Microsoft.ML.OnnxRuntime), CUDA 13 and cuDNN 9", stderr);
    }

    [Fact]
    public void DlpDeviceSetsTheDefault()
    {
        var (code, _, stderr) = DlpProcess.Run(new Dictionary<string, string> { ["DLP_DEVICE"] = "cuda" }, ModelRun());
        Assert.Equal(1, code);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", stderr);
        var (cpuCode, _, cpuErr) = DlpProcess.Run(new Dictionary<string, string> { ["DLP_DEVICE"] = "cuda" }, ModelRun("--device", "cpu"));
        Assert.True(cpuCode == 0, cpuErr);
    }

    [Fact]
    public void CudaWithTheManagedEngineIsRefusedBeforeAnyImageIsRead()
    {
        var (code, _, stderr) = DlpProcess.Run("predict", "--engine", "managed", "--device", "cuda", "no-such-folder");
        Assert.Equal(1, code);
        Assert.Contains("error: device cuda needs the onnxruntime engine, but the engine is managed", stderr);
    }

    [Fact]
    public void AnUnknownDeviceIsRefusedAndAnUnknownDlpDeviceIsNamed()
    {
        var (code, _, stderr) = DlpProcess.Run("featurize", "--device", "tpu", "--images", "x", "--out", "x.csv");
        Assert.Equal(1, code);
        Assert.Contains("tpu", stderr);
        var (envCode, _, envErr) = DlpProcess.Run(new Dictionary<string, string> { ["DLP_DEVICE"] = "tpu" }, ModelRun());
        Assert.Equal(1, envCode);
        Assert.Contains("DLP_DEVICE 'tpu' is not a device; use cpu or cuda.", envErr);
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("featurize")]
    [InlineData("model", "run")]
    public void TheHelpListsTheDevice(params string[] command)
    {
        var (code, stdout, _) = DlpProcess.Run([.. command, "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("--device", stdout);
        Assert.Contains("DLP_DEVICE", stdout);
    }
}
