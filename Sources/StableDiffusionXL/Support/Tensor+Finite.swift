// Finding NaN and infinity in a tensor, so that a numerical failure stops a generation with an
// error instead of producing a garbage image.
import Tensors

extension Tensor {
    /// The first value that is NaN or ±infinity, if any.
    var firstNonFinite: Float? {
        withUnsafeBufferPointer { values in
            for value in values where !value.isFinite { return value }
            return nil
        }
    }
}
