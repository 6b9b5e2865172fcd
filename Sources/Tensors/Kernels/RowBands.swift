// Horizontal bands of [N, C, H, W] pictures: copying rows out and in, and nearest 2× upsampling
// of a band. They let a network whose layers are local in space (convolutions, upsampling, and
// group norms given whole-picture statistics) run on a picture a few rows at a time, so that
// only the tensors it must keep whole are whole.

extension Kernels {
    /// Rows `rows` of every channel plane of `x` [N, C, H, W]: [N, C, rows.count, W].
    public static func rows(_ rows: Range<Int>, of x: Tensor) -> Tensor {
        checkRows(rows, of: x, "rows")
        let planes = x.shape[0] * x.shape[1], height = x.shape[2], width = x.shape[3]
        let result = Tensor(uninitializedShape: [x.shape[0], x.shape[1], rows.count, width])
        let source = x.storage.pointer, destination = result.storage.pointer
        let length = rows.count * width
        Parallel.forEach(planes, costPerItem: length) { plane in
            (destination + plane * length).initialize(from: source + plane * height * width + rows.lowerBound * width,
                                                      count: length)
        }
        return result
    }

    /// Writes `band` [N, C, r, W] over rows `row ..< row + r` of `destination` [N, C, H, W], in
    /// place. `destination` must be a result its caller is still computing, seen by nothing else.
    public static func writeRows(_ band: Tensor, into destination: Tensor, at row: Int) {
        precondition(band.rank == 4 && destination.rank == 4
                     && band.shape[0] == destination.shape[0] && band.shape[1] == destination.shape[1]
                     && band.shape[3] == destination.shape[3],
                     "writeRows: band \(band.shape) into \(destination.shape)")
        checkRows(row..<(row + band.shape[2]), of: destination, "writeRows")
        let planes = band.shape[0] * band.shape[1], height = destination.shape[2], width = band.shape[3]
        let length = band.shape[2] * width
        let source = band.storage.pointer, target = destination.storage.pointer
        Parallel.forEach(planes, costPerItem: length) { plane in
            (target + plane * height * width + row * width).update(from: source + plane * length, count: length)
        }
    }

    /// Rows `rows` of the nearest-neighbour 2× upsampling of `x` [N, C, H, W]:
    /// [N, C, rows.count, 2W], rows counted in the upsampled picture (0 ..< 2H).
    public static func upsampleNearest2x(rows: Range<Int>, of x: Tensor) -> Tensor {
        precondition(x.rank == 4 && rows.lowerBound >= 0 && rows.upperBound <= 2 * x.shape[2],
                     "upsampleNearest2x: rows \(rows) of twice \(x.shape)")
        let height = x.shape[2], width = x.shape[3]
        let result = Tensor(uninitializedShape: [x.shape[0], x.shape[1], rows.count, width * 2])
        let source = x.storage.pointer, destination = result.storage.pointer
        Parallel.forEach(x.shape[0] * x.shape[1], costPerItem: rows.count * width * 2) { plane in
            let from = source + plane * height * width
            var to = destination + plane * rows.count * width * 2
            for row in rows {
                if row > rows.lowerBound && row % 2 == 1 {
                    to.update(from: to - width * 2, count: width * 2)   // the same source row again
                } else {
                    let line = from + (row / 2) * width
                    for column in 0..<width {
                        to[2 * column] = line[column]
                        to[2 * column + 1] = line[column]
                    }
                }
                to += width * 2
            }
        }
        return result
    }

    private static func checkRows(_ rows: Range<Int>, of x: Tensor, _ name: String) {
        precondition(x.rank == 4 && rows.lowerBound >= 0 && rows.upperBound <= x.shape[2],
                     "\(name): rows \(rows) of \(x.shape)")
    }
}
