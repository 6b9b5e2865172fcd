// A memory-mapped .safetensors file whose header has been fully validated on open.
// Listing tensors reads only the header; tensor data is touched when a tensor is requested.

public final class SafeTensorsFile: TensorSource {
    public let path: String
    /// The header's `__metadata__` map (empty when absent).
    public let metadata: [String: String]
    /// Every tensor, in data-section order.
    public let tensors: [TensorInfo]
    public let names: [String]
    private let positionByName: [String: Int]
    private let mapping: MappedFile
    private let dataStart: Int

    /// Maps the file and validates its header; throws `SafeTensorsError` naming what is wrong.
    public init(path: String) throws {
        let mapping = try MappedFile(path: path)
        let header = try SafeTensorsHeader(fileBytes: mapping.bytes, path: path)
        self.path = path
        self.mapping = mapping
        metadata = header.metadata
        tensors = header.tensors
        dataStart = header.dataStart
        names = header.tensors.map(\.name).sorted()
        // Names are unique: the header parser rejects duplicate keys.
        positionByName = Dictionary(uniqueKeysWithValues: header.tensors.enumerated().map { ($1.name, $0) })
    }

    public static func open(_ path: String) throws -> SafeTensorsFile {
        try SafeTensorsFile(path: path)
    }

    public func info(named name: String) -> TensorInfo? {
        positionByName[name].map { tensors[$0] }
    }

    public func rawTensor(named name: String) throws -> RawTensor {
        guard let info = info(named: name) else { throw SafeTensorsError.missingTensor(path: path, name: name) }
        let start = dataStart + info.dataOffsets.lowerBound
        let bytes = UnsafeRawBufferPointer(rebasing: mapping.bytes[start..<(start + info.byteCount)])
        return RawTensor(info: info, path: path, bytes: bytes, owner: mapping)
    }
}
