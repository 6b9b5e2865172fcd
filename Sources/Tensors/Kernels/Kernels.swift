/// The fast kernels of the engine, over contiguous Float32 tensors.
/// Each has a straightforward twin in `NaiveKernels` that tests compare against.
public enum Kernels {}
