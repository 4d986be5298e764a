// An image model registered as a SQL function, as sparkdl's registerKerasImageUDF, then queried with SELECT over a
// view of images: the top classes of every photo, and how often each class comes first.
// Usage: dotnet run --project samples/SqlFunction -- [photos dir with birds/ and planes/] [model]
// The default model is the bundled SqueezeNet 1.1 ONNX file; a zoo name such as "InceptionV3" is looked up in $DLP_MODELS.
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Sql;
using DeepLearningPipelines.Vision.Sources;

var imgDir = args.Length > 0 ? args[0] : "samples/birds-planes";
var model = args.Length > 1 ? args[1] : "samples/models/squeezenet1.1/model.onnx";
var spark = DlpSession.Active;

spark.ReadImages([Path.Combine(imgDir, "birds"), Path.Combine(imgDir, "planes")]).CreateOrReplaceTempView("image_table");

// A model file does not say how its pixels are fed: SqueezeNet takes 224 x 224 BGR pixels as they are.
var options = new ImageModelFunctionOptions { DecodePredictions = true, TopK = 3 };
if (model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) options = options with { InputSize = 224, Bgr = true };
spark.Udf.RegisterImageModel("classify", model, options);

spark.Sql("SELECT regexp_extract(image.origin, '[^/]*$', 0) AS file, classify(image) AS predictions FROM image_table").Show(5, false);

spark.Sql("""
    SELECT top.description AS class, count(*) AS photos, round(avg(top.probability), 3) AS mean_probability
    FROM (SELECT classify(image)[0] AS top FROM image_table)
    GROUP BY top.description
    ORDER BY photos DESC, class
    LIMIT 10
    """).Show(20, false);
