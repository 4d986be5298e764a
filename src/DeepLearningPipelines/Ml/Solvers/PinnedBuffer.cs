using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>A double array on the pinned object heap with a stable pointer to its first element, for the dense kernels.</summary>
internal sealed unsafe class PinnedBuffer
{
    public PinnedBuffer(int length)
    {
        Array = GC.AllocateArray<double>(length, pinned: true);
        Pointer = (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Array));
    }

    public double[] Array { get; }
    public double* Pointer { get; }
}
