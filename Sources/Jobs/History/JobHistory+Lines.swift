import Foundation

extension JobHistory {
    /// One entry as one line of JSON with its newline (keys sorted, so equal entries give equal lines).
    static func encodeLine(_ entry: HistoryEntry, path: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            var data = try encoder.encode(entry)
            data.append(0x0A)
            return data
        } catch {
            throw JobsError.historyEncodingFailed(path: path, reason: "\(error)")
        }
    }

    /// Splits `data` into lines and decodes each non-blank one; lines that fail are reported
    /// with their numbers (counted from 1) and skipped.
    static func parse(_ data: Data, path: String) throws -> HistoryContents {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var entries: [HistoryEntry] = []
        var problems: [HistoryProblem] = []
        let bytes = [UInt8](data)
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            lineNumber += 1
            let line = bytes[start..<end]
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                entries.append(try decoder.decode(HistoryEntry.self, from: Data(line)))
            } catch {
                problems.append(HistoryProblem(path: path, line: lineNumber, message: Self.explain(error)))
            }
        }
        return HistoryContents(entries: entries, problems: problems)
    }

    /// A short reason for a line that did not decode.
    static func explain(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "unreadable (\(error))" }
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value\(at(context.codingPath))"
        case let .keyNotFound(key, context):
            return "missing key \"\(key.stringValue)\"\(at(context.codingPath))"
        case let .typeMismatch(type, context):
            return "expected \(type)\(at(context.codingPath))"
        case let .valueNotFound(type, context):
            return "missing \(type) value\(at(context.codingPath))"
        @unknown default:
            return "unreadable entry"
        }
    }
}
