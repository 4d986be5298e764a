using DeepLearningPipelines.Core;
using System.Globalization;
using DeepLearningPipelines.Nn.Zoo.Architectures;

namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>
/// The built-in models: InceptionV3, Xception, ResNet50, VGG16, VGG19, MobileNetV2 and MobileNet (v1, alpha 1.0, 0.75,
/// 0.5 and 0.25), with the official keras.applications weight files, and ResNet18, ML.NET's pretrained ImageNet
/// featurizer, from its NuGet package (ONNX, with its preprocessing graph). Hashes are Keras' published MD5 digests
/// (from its <c>get_file(file_hash=…)</c> calls); no SHA-256 is recorded because none is published, and the MobileNet
/// files have no published hash at all. NuGet verifies the signed package when it restores it.
/// </summary>
public static class ZooCatalog
{
    private const string KerasApplications = "https://storage.googleapis.com/tensorflow/keras-applications/";

    /// <summary>Every built-in model.</summary>
    public static IReadOnlyList<ZooModel> All { get; } =
    [
        new("InceptionV3", 299, ImagePreprocessing.Tf, "mixed10", 8, 8, 2048, "predictions", InceptionV3Architecture.Create,
            Official("inception_v3", "inception_v3_weights_tf_dim_ordering_tf_kernels.h5", "9a0d58056eeedaa3f26cb7ebd46da564"),
            Official("inception_v3", "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5", "bcbd6486424b2319ff4ef7d526e38f63")),
        new("Xception", 299, ImagePreprocessing.Tf, "block14_sepconv2_act", 10, 10, 2048, "predictions", XceptionArchitecture.Create,
            Official("xception", "xception_weights_tf_dim_ordering_tf_kernels.h5", "0a58e3b7378bc2990ea3b43d5981f1f6"),
            Official("xception", "xception_weights_tf_dim_ordering_tf_kernels_notop.h5", "b0042744bf5b25fce3cb969f33bebb97")),
        new("ResNet50", 224, ImagePreprocessing.Caffe, "conv5_block3_out", 7, 7, 2048, "predictions", ResNet50Architecture.Create,
            Official("resnet", "resnet50_weights_tf_dim_ordering_tf_kernels.h5", "2cb95161c43110f7111970584f804107"),
            Official("resnet", "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5", "4d473c1dd8becc155b73f8504c6f6626")),
        new("VGG16", 224, ImagePreprocessing.Caffe, "block5_pool", 7, 7, 512, "predictions", top => VggArchitecture.Create(16, top),
            Official("vgg16", "vgg16_weights_tf_dim_ordering_tf_kernels.h5", "64373286793e3c8b2b4e3219cbf3544b"),
            Official("vgg16", "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", "6d6bbae143d832006294945121d1f1fc")),
        new("VGG19", 224, ImagePreprocessing.Caffe, "block5_pool", 7, 7, 512, "predictions", top => VggArchitecture.Create(19, top),
            Official("vgg19", "vgg19_weights_tf_dim_ordering_tf_kernels.h5", "cbe5617147190e668d6c5d5026f83318"),
            Official("vgg19", "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5", "253f8cb515780f3b799900260a226db6")),
        new("MobileNetV2", 224, ImagePreprocessing.Tf, "out_relu", 7, 7, 1280, "Logits", top => MobileNetV2Architecture.Create(top),
            Official("mobilenet_v2", "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5", null),
            Official("mobilenet_v2", "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5", null)),
        MobileNet(1f, "1_0", "MobileNet"),
        MobileNet(0.75f, "7_5", "MobileNet_0.75"),
        MobileNet(0.5f, "5_0", "MobileNet_0.5"),
        MobileNet(0.25f, "2_5", "MobileNet_0.25"),
        new("ResNet18", 224, "Pooling395_Output_0", 512, new NuGetModelPackage("Microsoft.ML.DnnImageFeaturizer.ResNet18", "0.24.0",
            "tools/DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx", "tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx", ParameterCount: 15_908_800)),
    ];

    /// <summary>Names of the built-in models.</summary>
    public static IEnumerable<string> Names => All.Select(m => m.Name);

    /// <summary>The model called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ZooModel? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The model called <paramref name="name"/>; throws <see cref="ParamException"/> listing the known names.</summary>
    public static ZooModel Get(string name) =>
        Find(name) ?? throw new ParamException($"Unknown model '{name}'. Built-in models: {string.Join(", ", Names)}.");

    private static ZooModel MobileNet(float alpha, string alphaText, string name)
    {
        int channels = (int)(1024 * alpha);
        return new ZooModel(name, 224, ImagePreprocessing.Tf, "conv_pw_13_relu", 7, 7, channels, "predictions",
            top => MobileNetArchitecture.Create(top, alpha),
            Official("mobilenet", string.Create(CultureInfo.InvariantCulture, $"mobilenet_{alphaText}_224_tf.h5"), null),
            Official("mobilenet", string.Create(CultureInfo.InvariantCulture, $"mobilenet_{alphaText}_224_tf_no_top.h5"), null));
    }

    private static KerasWeightsFile Official(string folder, string fileName, string? md5) =>
        new(fileName, new Uri($"{KerasApplications}{folder}/{fileName}"), Sha256: null, Md5: md5);
}
