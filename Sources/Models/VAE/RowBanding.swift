// The VAE decoder's full-resolution layers, run a band of rows at a time.
//
// Everything after the mid block is local in space except the group norms, which need statistics
// of the whole picture. So each layer keeps whole only what a norm must see (its input, and
// conv1's output inside a ResNet block) and computes the rest, normalised inputs and convolution
// scratch included, one band at a time. Nothing is approximated: the values are those of the
// whole-picture layers up to float rounding in the matrix products. Only the memory changes: at
// 1024² the peak is about one full-resolution tensor of the widest up-block input plus one of its
// output, instead of four.
import Tensors

/// How tall the bands are: as many rows as keep one band of a layer's input within `floats` values.
public struct RowBanding: Sendable, Equatable {
    public let floats: Int

    /// 32 MB of input per band: 32 rows of a 256-channel, 1024-pixel-wide picture.
    public static let standard = RowBanding(floats: 8 << 20)

    public init(floats: Int) {
        precondition(floats > 0, "RowBanding: floats must be positive")
        self.floats = floats
    }

    /// The bands of a picture `height` rows tall whose widest per-band tensor has `channels` ×
    /// `width` values per row.
    public func bands(height: Int, channels: Int, width: Int) -> [Range<Int>] {
        let rows = max(1, floats / max(channels * width, 1))
        return stride(from: 0, to: height, by: rows).map { $0..<min(height, $0 + rows) }
    }
}

extension ResnetBlock2D {
    /// The block, without a time embedding, on `x` [1, C, H, W] in bands. The result takes the
    /// place of `x` when nothing else holds it (so pass it with `consume`).
    public func callAsFunction(banded x: consuming Tensor, banding: RowBanding) -> Tensor {
        precondition(timeEmbeddingProjection == nil && x.rank == 4 && x.shape[0] == 1,
                     "a banded ResNet block takes one picture and no time embedding, not \(x.shape)")
        let inputs = x.shape[1], height = x.shape[2], width = x.shape[3]
        let outputs = conv1.weight.shape[0]
        let bands = banding.bands(height: height, channels: max(inputs, outputs), width: width)

        let hidden = Tensor(uninitializedShape: [1, outputs, height, width])
        let statistics1 = norm1.statistics(x)
        for rows in bands {
            let band = conv1(rows: rows, height: height) { norm1(rows: $0, of: x, statistics: statistics1, fusingSiLU: true) }
            Kernels.writeRows(band, into: hidden, at: rows.lowerBound)
        }

        // Each band reads its own rows of `x` before writing the same rows of the result, and
        // later bands read only later rows, so the result may overwrite `x`.
        let shape = [1, outputs, height, width]
        let overwriting = x.overwritingView(shape: shape)
        let result = overwriting ?? Tensor(uninitializedShape: shape)
        let statistics2 = norm2.statistics(hidden)
        for rows in bands {
            let change = conv2(rows: rows, height: height) { norm2(rows: $0, of: hidden, statistics: statistics2, fusingSiLU: true) }
            let skip = Kernels.rows(rows, of: x)
            Kernels.writeRows(Kernels.add(shortcut.map { $0(skip) } ?? skip, change), into: result, at: rows.lowerBound)
        }
        if overwriting != nil { x.storage.releasePages(after: result.count) }
        return result
    }
}

extension Upsample2D {
    /// Nearest 2× upsampling and the convolution on `x` [N, C, H, W], in bands of the upsampled
    /// picture, which is never whole.
    public func callAsFunction(banded x: Tensor, banding: RowBanding) -> Tensor {
        let height = 2 * x.shape[2], width = 2 * x.shape[3]
        let outputs = conv.weight.shape[0]
        let result = Tensor(uninitializedShape: [x.shape[0], outputs, height, width])
        for rows in banding.bands(height: height, channels: max(x.shape[1], outputs), width: width) {
            let band = conv(rows: rows, height: height) { Kernels.upsampleNearest2x(rows: $0, of: x) }
            Kernels.writeRows(band, into: result, at: rows.lowerBound)
        }
        return result
    }
}

extension UpDecoderBlock2D {
    /// The block on `x` [1, Cin, H, W] in bands.
    public func callAsFunction(banded x: consuming Tensor, banding: RowBanding) -> Tensor {
        for resnet in resnets { x = resnet(banded: consume x, banding: banding) }
        guard let upsampler else { return x }
        return upsampler(banded: x, banding: banding)
    }
}
