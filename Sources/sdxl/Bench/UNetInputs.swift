import Foundation
import Models
import SafeTensors
import Tensors

/// The inputs of one UNet forward for `sdxl bench unet`: random ones of a size, or those a
/// reference file recorded together with PyTorch's output.
struct UNetInputs {
    var sample: Tensor
    var timestep: Float
    var context: Tensor
    var textEmbeds: Tensor
    var timeIds: Tensor
    /// The reference output, when the inputs came from a reference file.
    var expected: Tensor?

    init(random layout: UNetLayout, width: Int, height: Int, batch: Int, aestheticScore: Bool) {
        let timeIDs = aestheticScore ? 5 : 6
        sample = KernelBenchmark.random([batch, layout.inChannels, height / 8, width / 8])
        timestep = 999
        context = KernelBenchmark.random([batch, 77, layout.contextChannels])
        textEmbeds = KernelBenchmark.random([batch, layout.additionInputChannels - timeIDs * layout.additionTimeChannels])
        timeIds = Tensor(shape: [batch, timeIDs], scalars: (0..<batch).flatMap { _ in
            aestheticScore ? [Float(height), Float(width), 0, 0, 6]
                           : [Float(height), Float(width), 0, 0, Float(height), Float(width)] })
    }

    /// The tensors `sample`, `timestep`, `encoder_hidden_states`, `text_embeds`, `time_ids` and
    /// `out` of a file written by Tools/bench_torch_unet.py --save-reference.
    init(referenceFile path: String) throws {
        let file = try SafeTensorsFile(path: path)
        sample = try file.tensor(named: "sample")
        timestep = try file.tensor(named: "timestep").scalars.first ?? 0
        context = try file.tensor(named: "encoder_hidden_states")
        textEmbeds = try file.tensor(named: "text_embeds")
        timeIds = try file.tensor(named: "time_ids")
        expected = try file.tensor(named: "out")
    }

    /// max |a − b| / max |b|.
    static func relativeError(_ actual: Tensor, _ expected: Tensor) -> Double {
        guard actual.shape == expected.shape else { return .infinity }
        var difference: Float = 0, largest: Float = 0
        for (a, b) in zip(actual.scalars, expected.scalars) {
            difference = max(difference, abs(a - b))
            largest = max(largest, abs(b))
        }
        return Double(difference / max(largest, .leastNonzeroMagnitude))
    }
}
