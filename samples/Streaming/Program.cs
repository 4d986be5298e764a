// Structured Streaming over a folder of images: photos arriving in a watched folder are classified by
// DeepImagePredictor micro-batch by micro-batch and appended to Parquet files, exactly once thanks to the checkpoint.
// The sample copies the birds into the folder and drains it (trigger AvailableNow), then copies the planes and runs
// the same query again from its checkpoint (only the new photos are read), and queries the result with SQL.
// Usage: dotnet run --project samples/Streaming -- [photos dir with birds/ and planes/] [model]
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Streaming;
using DeepLearningPipelines.Vision.Stages;
using static DeepLearningPipelines.Frames.Functions;

var imgDir = args.Length > 0 ? args[0] : "samples/birds-planes";
var model = args.Length > 1 ? args[1] : "samples/models/squeezenet1.1/model.onnx";
var spark = DlpSession.Active;
var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"dlp-streaming-{Environment.ProcessId}")).FullName;
var (incoming, output, checkpoint) = (Path.Combine(work, "incoming"), Path.Combine(work, "predictions"), Path.Combine(work, "checkpoint"));
Directory.CreateDirectory(incoming);

var predictor = new DeepImagePredictor().SetInputCol("image").SetOutputCol("predicted_labels")
    .SetModelName(model).SetDecodePredictions(true).SetTopK(1);
if (model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) predictor.SetBgr(true).SetInputSize(224);

// One run of the query: every photo in the folder not yet in the checkpoint, in micro-batches of at most 10 files.
void RunQuery()
{
    var images = spark.ReadStream().Format("image").Option("maxFilesPerTrigger", 10).Load(incoming);
    var predictions = predictor.Transform(images).Select(
        Col("image.origin").Alias("origin"),
        Col("predicted_labels")[0]["description"].Alias("class"),
        Col("predicted_labels")[0]["probability"].Alias("probability"));
    var query = predictions.WriteStream().Format("parquet").OutputMode("append")
        .Option("checkpointLocation", checkpoint).Trigger(Trigger.AvailableNow).Start(output);
    query.AwaitTermination();
    foreach (var p in query.RecentProgress)
        Console.WriteLine($"  batch {p.BatchId}: {p.NumInputRows} images, {p.ProcessedRowsPerSecond:F1} images/s");
}

// A producer makes each file appear whole: it writes under a hidden name and renames it into the folder.
void Arrive(string folder)
{
    foreach (var file in Directory.GetFiles(Path.Combine(imgDir, folder), "*.jpg").Order(StringComparer.Ordinal))
    {
        var hidden = Path.Combine(incoming, "." + Path.GetFileName(file) + ".tmp");
        File.Copy(file, hidden);
        File.Move(hidden, Path.Combine(incoming, Path.GetFileName(file)));
    }
}

try
{
    Arrive("birds");
    Console.WriteLine("birds arrived; first run:");
    RunQuery();
    Arrive("planes");
    Console.WriteLine("planes arrived; second run, from the checkpoint:");
    RunQuery();

    spark.Read().Parquet(output).CreateOrReplaceTempView("predictions");
    spark.Sql("SELECT count(*) AS rows, count(DISTINCT origin) AS photos FROM predictions").Show();
    spark.Sql("SELECT class, count(*) AS photos FROM predictions GROUP BY class ORDER BY photos DESC, class LIMIT 10").Show(20, false);
}
finally
{
    Directory.Delete(work, recursive: true);
}
