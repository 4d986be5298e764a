using System.Globalization;
using System.Text.RegularExpressions;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Networks;

/// <summary>
/// A compact network description for the command line, layers joined by <c>-</c>, e.g.
/// <c>conv32-pool-conv64-pool-dense128-dense10</c>:
/// <list type="table">
/// <item><term><c>conv</c>F[<c>k</c>K][<c>s</c>S][<c>v</c>]</term><description>Conv2D, F filters, K×K kernel (3), stride S (1), <c>same</c> padding (<c>v</c>: <c>valid</c>), ReLU</description></item>
/// <item><term><c>dw</c>[<c>k</c>K][<c>s</c>S][<c>v</c>]</term><description>DepthwiseConv2D, as conv</description></item>
/// <item><term><c>pool</c>[N] / <c>avgpool</c>[N]</term><description>MaxPooling2D / AveragePooling2D, N×N (2), stride N</description></item>
/// <item><term><c>gap</c></term><description>GlobalAveragePooling2D</description></item>
/// <item><term><c>bn</c></term><description>BatchNormalization</description></item>
/// <item><term><c>drop</c>R</term><description>Dropout with rate R, e.g. <c>drop0.25</c></description></item>
/// <item><term><c>flatten</c></term><description>Flatten (added by itself before the first dense layer on images)</description></item>
/// <item><term><c>dense</c>U</term><description>Dense, U units, ReLU</description></item>
/// </list>
/// The classifier is a softmax Dense with one unit per class: the last layer when it is <c>dense</c>N with N equal to
/// the number of classes, else appended.
/// </summary>
public static partial class LayerSpec
{
    /// <summary>The network <paramref name="spec"/> describes, on inputs of <paramref name="inputShape"/>, ending in <paramref name="classes"/> softmax outputs.</summary>
    public static Sequential Parse(string spec, int[] inputShape, int classes, string name = "sequential")
    {
        if (classes < 2) throw new ParamException($"A classifier needs at least 2 classes, got {classes}.");
        var tokens = spec.Split('-', StringSplitOptions.TrimEntries);
        if (tokens.Length == 0 || tokens.Any(t => t.Length == 0))
            throw new ParamException($"--layers '{spec}': empty layer; write layers joined by '-', e.g. conv32-pool-conv64-pool-dense128-dense10.");
        var model = new Sequential(inputShape) { Name = name };
        bool image = inputShape.Length == 3, classifier = false;
        for (int i = 0; i < tokens.Length; i++)
        {
            var layer = ParseLayer(tokens[i], spec);
            if (layer is Dense && image) model.Add(new Flatten());
            if (layer is Dense or Flatten or GlobalAveragePooling2D) image = false;
            classifier = i == tokens.Length - 1 && layer is Dense { Units: var units } && units == classes;
            model.Add(classifier ? new Dense(classes, "softmax") : layer);
        }
        if (!classifier)
        {
            if (image) model.Add(new Flatten());
            model.Add(new Dense(classes, "softmax"));
        }
        return model;
    }

    private static Layer ParseLayer(string token, string spec)
    {
        string t = token.ToLowerInvariant();
        Match m;
        if ((m = ConvPattern().Match(t)).Success)
        {
            int kernel = Group(m, "k", 3), stride = Group(m, "s", 1);
            string padding = m.Groups["v"].Success ? "valid" : "same";
            return m.Groups["dw"].Success
                ? new DepthwiseConv2D(kernel, stride, padding, activation: "relu")
                : new Conv2D(Group(m, "f", 0), kernel, stride, padding, "relu");
        }
        if ((m = PoolPattern().Match(t)).Success)
        {
            int size = Group(m, "n", 2);
            return m.Groups["avg"].Success ? new AveragePooling2D(size) : new MaxPooling2D(size);
        }
        if ((m = DensePattern().Match(t)).Success) return new Dense(Group(m, "u", 0), "relu");
        if ((m = DropPattern().Match(t)).Success) return new Dropout(float.Parse(m.Groups["r"].Value, CultureInfo.InvariantCulture));
        return t switch
        {
            "gap" => new GlobalAveragePooling2D(),
            "bn" => new BatchNormalization(),
            "flatten" => new Flatten(),
            _ => throw new ParamException(
                $"--layers '{spec}': '{token}' is not a layer; use convF[kK][sS][v], dw[kK][sS][v], pool[N], avgpool[N], gap, bn, dropR, flatten or denseU (e.g. conv32-pool-dense128)."),
        };
    }

    private static int Group(Match m, string name, int fallback) =>
        m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : fallback;

    [GeneratedRegex(@"^(?:conv(?<f>\d{1,6})|(?<dw>dw))(?:k(?<k>\d{1,3}))?(?:s(?<s>\d{1,3}))?(?<v>v)?$")]
    private static partial Regex ConvPattern();

    [GeneratedRegex(@"^(?<avg>avg)?pool(?<n>\d{1,3})?$")]
    private static partial Regex PoolPattern();

    [GeneratedRegex(@"^dense(?<u>\d{1,7})$")]
    private static partial Regex DensePattern();

    [GeneratedRegex(@"^drop(?:out)?(?<r>0?\.\d+|0)$")]
    private static partial Regex DropPattern();
}
