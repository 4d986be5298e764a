using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// The <c>device</c> param of the model stages: saved with them, checked against the engine before any image is read,
/// and <c>cuda</c> on this repository's CPU ONNX Runtime package fails at load with the error naming the GPU package.
/// </summary>
public class DeviceParamTests
{
    [Fact]
    public void TheDeviceIsSavedWithAPipelineAndLoadedBack()
    {
        var pipeline = new Pipeline().SetStages(
            new DeepImageFeaturizer().SetModelName("MobileNetV2").SetDevice("cuda"),
            new DeepImagePredictor().SetDevice("cpu"),
            new ImageFileTransformer().SetModelFile("model.onnx").SetDevice("cuda"));
        var dir = Path.Combine(TestPaths.NewTempDir(), "pipeline");
        pipeline.Save(dir);
        var stages = Pipeline.Load(dir).GetStages();
        Assert.Equal("cuda", ((DeepImageFeaturizer)stages[0]).Get(((DeepImageFeaturizer)stages[0]).Image.Device));
        Assert.Equal("cpu", ((DeepImagePredictor)stages[1]).Get(((DeepImagePredictor)stages[1]).Image.Device));
        Assert.Equal("cuda", ((ImageFileTransformer)stages[2]).Get(((ImageFileTransformer)stages[2]).Image.Device));
    }

    [Fact]
    public void AnUnsetDeviceStaysUnsetAfterLoad()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "featurizer");
        new DeepImageFeaturizer().Save(dir);
        var loaded = DeepImageFeaturizer.Load(dir);
        Assert.False(loaded.IsDefined(loaded.Image.Device));
    }

    [Fact]
    public void AnUnknownDeviceIsRejected()
    {
        var e = Assert.ThrowsAny<DlpException>(() => new DeepImagePredictor().SetDevice("tpu"));
        Assert.Contains("cuda", e.Message);
    }

    [Theory]
    [InlineData("featurizer")]
    [InlineData("predictor")]
    [InlineData("file")]
    public void CudaWithTheManagedEngineFailsInTransformSchema(string stage)
    {
        Transformer transformer = stage switch
        {
            "featurizer" => new DeepImageFeaturizer().SetEngine("managed").SetDevice("cuda"),
            "predictor" => new DeepImagePredictor().SetEngine("managed").SetDevice("cuda"),
            _ => new ImageFileTransformer().SetEngine("managed").SetDevice("cuda"),
        };
        var schema = stage == "file" ? new StructType(new StructField("uri", DataTypes.String, false)) : ImageSchema.ImageFields;
        var e = Assert.Throws<ParamException>(() => transformer.TransformSchema(schema));
        Assert.Contains("device cuda needs the onnxruntime engine, but the engine is managed", e.Message);
    }

    [Fact]
    public void CudaOnTheCpuOnnxRuntimePackageFailsAtLoadNamingWhatItNeeds()
    {
        var session = DlpSession.Builder().Master("local[1]").AppName(nameof(CudaOnTheCpuOnnxRuntimePackageFailsAtLoadNamingWhatItNeeds)).GetOrCreate();
        var model = TinyFeatureModel.Write(Path.Combine(TestPaths.NewTempDir(), "tiny.onnx"), seed: 1);
        var featurizer = new DeepImageFeaturizer().SetModelName(model).SetEngine("onnxruntime").SetDevice("cuda");
        var e = Assert.ThrowsAny<DlpException>(() => { featurizer.LoadModel(session); });
        Assert.Contains("device cuda", e.Message);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", e.Message);
        Assert.Contains("CUDA 13", e.Message);
        Assert.Contains("cuDNN 9", e.Message);
    }

    [Fact]
    public void ANamedDeviceIsParsedAndAnUnknownOneNamesItsSource()
    {
        Assert.Equal(Devices.Cuda, Devices.Parse(" CUDA "));
        var e = Assert.Throws<ParamException>(() => Devices.Parse("tpu", Devices.EnvironmentVariable));
        Assert.Equal("DLP_DEVICE 'tpu' is not a device; use cpu or cuda.", e.Message);
    }
}
