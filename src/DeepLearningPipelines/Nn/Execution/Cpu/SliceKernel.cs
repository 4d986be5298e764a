using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Slice node (and the outputs of an imported Split): copies the box's contiguous runs along the innermost sliced axis.</summary>
internal sealed class SliceKernel : IKernel
{
    private readonly int[] _sourceOffsets;
    private readonly int _run;

    public SliceKernel(SliceRange range)
    {
        int rank = range.InputShape.Length;
        // The innermost axis that is cut: from it on, each output row is one contiguous run of the input.
        int cut = rank - 1;
        while (cut > 0 && range.Begin[cut] == 0 && range.OutputShape[cut] == range.InputShape[cut]) cut--;
        var strides = new int[rank];
        for (int d = rank - 1, s = 1; d >= 0; d--) { strides[d] = s; s *= range.InputShape[d]; }
        _run = rank == 0 ? 1 : range.OutputShape[cut] * strides[cut];
        int runs = 1;
        for (int d = 0; d < cut; d++) runs *= range.OutputShape[d];
        if (_run == 0) runs = 0;
        _sourceOffsets = new int[runs];
        var index = new int[Math.Max(cut, 0)];
        for (int r = 0; r < runs; r++)
        {
            int offset = rank == 0 ? 0 : range.Begin[cut] * strides[cut];
            for (int d = 0; d < cut; d++) offset += (range.Begin[d] + index[d]) * strides[d];
            _sourceOffsets[r] = offset;
            for (int d = cut - 1; d >= 0 && ++index[d] == range.OutputShape[d]; d--) index[d] = 0;
        }
    }

    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0]!.Span;
        var y = outputs[0].Span;
        for (int r = 0; r < _sourceOffsets.Length; r++) x.Slice(_sourceOffsets[r], _run).CopyTo(y.Slice(r * _run, _run));
    }
}
