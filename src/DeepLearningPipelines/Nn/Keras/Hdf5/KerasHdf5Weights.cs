using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Hdf5;

namespace DeepLearningPipelines.Nn.Keras.Hdf5;

/// <summary>
/// Weights in a Keras 2 HDF5 file, matched by layer name: a weights-only file (<c>layer_names</c> attribute on the root,
/// as the keras.applications downloads) or a full model file (the same layout under <c>model_weights</c>). Each layer
/// group lists its arrays in a <c>weight_names</c> attribute (e.g. <c>conv1/kernel:0</c>); a weight is found by its last
/// name component. The weights of a model nested as a layer are stored in the nested model's group, with names
/// <c>inner_layer/kernel:0</c>; they are found by the inner layer's name. Arrays are read when asked for, so the file
/// stays open until disposed.
/// </summary>
/// <remarks>
/// HDF5 is read through P/Invoke to the HDF5 C library rather than a reader of our own: the format's B-trees, chunked and
/// filtered storage, superblock versions and string encodings vary between the h5py/HDF5 versions that wrote Keras
/// files, and the reference library reads all of them. The binding covers only what Keras files use (groups, string
/// attributes, numeric datasets).
/// </remarks>
public sealed class KerasHdf5Weights : IKerasWeightSource, IDisposable
{
    private readonly Hdf5File _file;
    private readonly Hdf5Group _weightsGroup;
    private readonly HashSet<string> _layers;
    private readonly string[] _layerOrder;
    private Dictionary<string, string>? _nestedGroups;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="ModelFormatException"/> when it holds no Keras weights.</summary>
    public KerasHdf5Weights(string path)
    {
        _file = Open(path);
        try
        {
            _weightsGroup = _file.HasAttribute("layer_names") ? _file
                : _file.Contains("model_weights") ? _file.OpenGroup("model_weights")
                : throw new ModelFormatException($"{path} holds no Keras weights: no 'layer_names' attribute on the root and no 'model_weights' group.");
            _layerOrder = ReadChunkedStrings(_weightsGroup, "layer_names");
            _layers = new HashSet<string>(_layerOrder, StringComparer.Ordinal);
        }
        catch
        {
            _file.Dispose();
            throw;
        }
        Description = path;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Names of the layers that have a group in the file (layers without weights included).</summary>
    public IReadOnlyCollection<string> LayerNames => _layers;

    /// <summary>Names of the layers that hold weights, in the file's order.</summary>
    public IReadOnlyList<string> WeightedLayerNames => _layerOrder.Where(layer => WeightNames(layer).Length > 0).ToList();

    /// <summary>The open file (for reading other attributes, such as <c>model_config</c>).</summary>
    internal Hdf5File File => _file;

    /// <inheritdoc />
    public KerasWeight? Find(string layerName, string weightName, int[] expectedShape)
    {
        string? groupName = _layers.Contains(layerName) ? layerName : NestedGroups().GetValueOrDefault(layerName);
        if (groupName is null) return null;
        if (!_weightsGroup.Contains(groupName))
            throw new ModelFormatException($"{Description}: layer '{groupName}' is listed in 'layer_names' but its group {_weightsGroup.Path.TrimEnd('/')}/{groupName} is missing.");
        using var group = _weightsGroup.OpenGroup(groupName);
        string? stored = WeightNames(group).FirstOrDefault(n => ShortName(n) == weightName && (groupName == layerName || LayerOf(n) == layerName));
        if (stored is null) return null;
        if (!group.Contains(stored))
            throw new ModelFormatException($"{Description}: weight '{stored}' of layer '{layerName}' is listed in 'weight_names' but has no dataset.");
        var (data, shape) = Read(() => group.ReadFloats(stored));
        return new KerasWeight(data, shape);
    }

    /// <summary>For layers of nested models: the group (the nested model's) holding their weights, by inner layer name.</summary>
    private Dictionary<string, string> NestedGroups()
    {
        if (_nestedGroups is not null) return _nestedGroups;
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in _layerOrder)
            foreach (var name in WeightNames(layer))
                if (LayerOf(name) is { } inner && inner != layer) groups.TryAdd(inner, layer);
        return _nestedGroups = groups;
    }

    /// <summary><c>block1_conv1/kernel:0</c> → <c>block1_conv1</c>; null without a layer component.</summary>
    private static string? LayerOf(string weightName)
    {
        string[] parts = weightName.Split('/');
        return parts.Length >= 2 ? parts[^2] : null;
    }

    private string[] WeightNames(string layer)
    {
        if (!_weightsGroup.Contains(layer)) return [];
        using var group = _weightsGroup.OpenGroup(layer);
        return WeightNames(group);
    }

    private static string[] WeightNames(Hdf5Group group) => group.HasAttribute("weight_names") ? ReadChunkedStrings(group, "weight_names") : [];

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        if (!ReferenceEquals(_weightsGroup, _file)) _weightsGroup?.Dispose();
        _file.Dispose();
    }

    /// <summary><c>block1_conv1/kernel:0</c> → <c>kernel</c>.</summary>
    internal static string ShortName(string weightName)
    {
        string last = weightName[(weightName.LastIndexOf('/') + 1)..];
        int colon = last.LastIndexOf(':');
        return colon > 0 ? last[..colon] : last;
    }

    /// <summary>Reads a string-list attribute, joining the chunks Keras writes as <c>name0</c>, <c>name1</c>… when it is large.</summary>
    internal static string[] ReadChunkedStrings(Hdf5Group group, string name) => Read(() =>
    {
        if (group.HasAttribute(name)) return group.ReadStrings(name);
        var chunks = new List<string>();
        for (int i = 0; group.HasAttribute($"{name}{i}"); i++) chunks.AddRange(group.ReadStrings($"{name}{i}"));
        return chunks.Count > 0 ? chunks.ToArray() : throw new ModelFormatException($"Group '{group.Path}' has no '{name}' attribute.");
    });

    private static Hdf5File Open(string path)
    {
        if (!System.IO.File.Exists(path)) throw new ModelFormatException($"Keras HDF5 file '{path}' does not exist.");
        return Read(() => Hdf5File.Open(path));
    }

    private static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Hdf5Exception ex)
        {
            throw new ModelFormatException(ex.Message, ex);
        }
    }
}
