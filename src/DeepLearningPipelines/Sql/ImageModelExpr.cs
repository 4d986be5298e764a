using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.Expressions;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Sql;

/// <summary>A call of an <see cref="ImageModelFunction"/>: the image column of each batch goes to the model in chunks; null images give null.</summary>
internal sealed class ImageModelExpr(ImageModelFunction function, Expr image, DlpSession session) : Expr
{
    public override string Name => $"{function.Name}({image.Name})";
    public override IEnumerable<Expr> Children => [image];

    public override DataType ResolveType(StructType schema)
    {
        var type = image.ResolveType(schema);
        if (!ImageSchema.IsImageType(type))
            throw new AnalysisException($"Function {function.Name} takes Spark's image struct {ImageSchema.ColumnSchema.SimpleString}, but '{image.Name}' is {type.SimpleString}.");
        return function.ResultType;
    }

    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        var type = ResolveType(schema);
        var eval = image.Bind(schema);
        var (model, resize) = function.Load(session);
        int chunk = function.Options.BatchSize;
        return b =>
        {
            var images = new ImageColumn(eval(b), image.Name);
            var output = new object?[b.RowCount];
            var rows = Enumerable.Range(0, b.RowCount).Where(r => !images.IsNull(r)).ToArray();
            foreach (var part in rows.Chunk(chunk))
            {
                var values = function.Score(model, resize, part.Select(images.Image).ToArray());
                for (int i = 0; i < part.Length; i++) output[part[i]] = values[i];
            }
            return ColumnBuilder.Build(type, Name, output);
        };
    }
}
