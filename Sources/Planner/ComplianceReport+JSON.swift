import Dispatch
import Foundation
import InventoryModel

extension ComplianceReport {
    /// The JSON form of standards.md section 3: every school with its figures and flags, then the
    /// city's flags, metrics and targets. Keys keep this order, so two reports diff line by line.
    public func json() -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }

    /// The JSON form as UTF-8 bytes.
    public func jsonBytes() -> [UInt8] {
        var all: [UInt8] = []
        writeJSON { all += $0 }
        return all
    }

    /// Schools of a piece of the JSON form (each piece after the head).
    ///
    /// Small enough that a piece written again after a school changed costs little, large
    /// enough that a worker's piece is worth handing out.
    static let schoolsPerPiece = 512

    /// Writes the JSON form to `emit` in pieces, in order: the head, the schools in pieces of
    /// ``schoolsPerPiece``, the city. The schools are rendered on every core (their sentences
    /// are made here); each piece is handed on as soon as it and all before it are done, so a
    /// city of any size needs the memory of a few pieces only.
    public func writeJSON(to emit: ([UInt8]) -> Void) {
        withoutActuallyEscaping(emit) { emit in
            let output = OrderedOutput(emit: emit)
            output.put(jsonHead())
            let pieces = schoolPieces
            // Each worker writes every `workers`-th piece with one writer, whose sentences made
            // for one piece serve the next: most flags repeat a sentence seen before.
            let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, pieces))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var writer = JSONWriter()
                for piece in stride(from: worker, to: pieces, by: workers) {
                    output.put(schoolPiece(piece, with: &writer), at: piece + 1)
                }
            }
            output.put(jsonCity(), at: pieces + 1)
        }
    }

    /// The JSON form as its pieces (see ``writeJSON(to:)``): joined, they are ``jsonBytes()``.
    public func jsonPieces() -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        writeJSON { pieces.append($0) }
        return pieces
    }

    /// The pieces of this report's JSON form that differ from an earlier report's, where the
    /// earlier report has the same schools in the same order and only the schools of `changed`
    /// codes differ (``ComplianceSolver/update(_:changed:records:)``): their pieces and the
    /// city's, by their place among the pieces. The others are the earlier report's.
    public func jsonPieces(changed codes: Set<String>) -> [Int: [UInt8]] {
        var pieces: [Int: [UInt8]] = [:]
        var writer = JSONWriter()
        // By index: a loop over the reports themselves would copy each (four references).
        for place in schools.indices where codes.contains(schools[place].code) {
            let piece = place / Self.schoolsPerPiece
            if pieces[piece + 1] == nil { pieces[piece + 1] = schoolPiece(piece, with: &writer) }
        }
        pieces[schoolPieces + 1] = jsonCity()
        return pieces
    }

    /// How many pieces the schools take.
    private var schoolPieces: Int { (schools.count + Self.schoolsPerPiece - 1) / Self.schoolsPerPiece }

    private func jsonHead() -> [UInt8] {
        var head = JSONWriter()
        head.raw("{\n  \"as_of\": \"\(asOf)\",\n  \"schools\": [")
        return head.bytes
    }

    /// The JSON of the schools of one piece.
    private func schoolPiece(_ piece: Int, with writer: inout JSONWriter) -> [UInt8] {
        let range = (piece * Self.schoolsPerPiece)..<min(schools.count, (piece + 1) * Self.schoolsPerPiece)
        writer.reserve(range.count * 1024)
        for school in range { writer.school(schools[school], first: school == 0) }
        return writer.takeBytes()
    }

    /// The end of the schools' list and the city's flags, metrics and targets.
    private func jsonCity() -> [UInt8] {
        var out = JSONWriter()
        out.raw(schools.isEmpty ? "],\n" : "\n  ],\n")
        out.raw("  \"city\": {\n    \"flags\": ")
        out.flags(cityFlags, indent: "      ")
        out.raw(",\n    \"metrics\": {")
        for (index, metric) in metrics.enumerated() {
            if index > 0 { out.raw(", ") }
            out.string(metric.name)
            out.raw(": ")
            if let value = metric.value { out.number(value) } else { out.raw("null") }
        }
        out.raw("},\n    \"targets\": {")
        for (index, metric) in metrics.filter({ $0.target != nil }).enumerated() {
            if index > 0 { out.raw(", ") }
            out.string(metric.name)
            out.raw(": ")
            out.number(metric.target!)
        }
        out.raw("}\n  }\n}\n")
        return out.bytes
    }
}

/// Builds JSON into a byte buffer: fixed key order, shortest exact numbers.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// The JSON of each flag's two sentences (`"message": …, "message_zh": …`) written so far:
    /// the same flag has the same sentences, and making them is most of a flag's cost.
    private var sentences: [Flag: [UInt8]] = [:]

    /// The bytes written so far, leaving the writer empty (its sentences stay known).
    mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A number as ``JSON/number(_:)`` writes it; whole numbers digit by digit, without a String.
    mutating func number(_ value: Double) {
        guard let whole = value.wholeNumber else { return raw(JSON.number(value)) }
        integer(whole)
    }

    mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(0x2D) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(0x30 + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// `, "name": value`, null when the value is missing.
    mutating func field(_ name: String, _ value: Double?) {
        key(name)
        if let value { number(value) } else { raw("null") }
    }

    mutating func field(_ name: String, _ value: CalendarDate?) {
        key(name)
        guard let value else { return raw("null") }
        bytes.append(0x22)
        date(value)
        bytes.append(0x22)
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { raw("null") }
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        integer(Int64(value))
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        raw(value ? "true" : "false")
    }

    private mutating func key(_ name: String) {
        raw(", \"")
        raw(name)
        raw("\": ")
    }

    /// A date as YYYY-MM-DD.
    mutating func date(_ date: CalendarDate) {
        let (year, month, day) = date.parts
        // Years of other than four digits (a day count far from today) as the date writes itself.
        guard (0...9999).contains(year) else { return raw(date.description) }
        digits(year, divisor: 1000)
        bytes.append(0x2D)
        digits(month, divisor: 10)
        bytes.append(0x2D)
        digits(day, divisor: 10)
    }

    /// A number padded with zeros to the digits of `divisor`.
    private mutating func digits(_ value: Int, divisor: Int) {
        var divisor = divisor
        while divisor > 0 {
            bytes.append(0x30 + UInt8((value / divisor) % 10))
            divisor /= 10
        }
    }

    /// A CSV field as every CSV file SchoolNet writes quotes it (``CSVField``).
    mutating func csvField(_ text: String) {
        guard CSVField.needsQuotes(text) else { return bytes.append(contentsOf: text.utf8) }
        raw(CSVField.text(text))
    }

    /// Appends buffers written elsewhere, in order.
    mutating func append(_ parts: [[UInt8]]) {
        bytes.reserveCapacity(bytes.count + parts.reduce(0) { $0 + $1.count } + 4096)
        for part in parts { bytes += part }
    }

    /// One school's object of the report.
    mutating func school(_ school: SchoolReport, first: Bool) {
        raw(first ? "\n    {\"code\": " : ",\n    {\"code\": ")
        string(school.code)
        raw(", \"name\": ")
        string(school.name)
        raw(", \"district\": ")
        string(school.district)
        raw(", \"kind\": \"")
        raw(school.kind.rawValue)
        raw("\", \"classes\": ")
        integer(Int64(school.classes))
        raw(", \"required_mbps\": ")
        number(school.requiredMbps)
        raw(", \"contracted_mbps\": ")
        number(school.contractedMbps)
        raw(", \"measured_mbps\": ")
        if let measured = school.measuredMbps { number(measured) } else { raw("null") }
        raw(", \"flags\": ")
        flags(school.flags, indent: "      ")
        raw("}")
    }

    /// A string, quoted and escaped; most strings need no escape and are copied whole.
    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(0x22)
            if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                bytes.append(contentsOf: utf8)
            } else {
                for byte in utf8 { escaped(byte) }
            }
            bytes.append(0x22)
        }
    }

    private mutating func escaped(_ byte: UInt8) {
        switch byte {
        case 0x22: bytes += [0x5C, 0x22]
        case 0x5C: bytes += [0x5C, 0x5C]
        case 0x0A: bytes += [0x5C, 0x6E]
        case 0x0D: bytes += [0x5C, 0x72]
        case 0x09: bytes += [0x5C, 0x74]
        case 0..<0x20:
            let hex = String(byte, radix: 16)
            raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
        default: bytes.append(byte)
        }
    }

    mutating func flags(_ flags: [Flag], indent: String) {
        guard !flags.isEmpty else { return raw("[]") }
        raw("[\n")
        for (index, flag) in flags.enumerated() {
            if index > 0 { raw(",\n") }
            raw(indent)
            raw("{\"rule\": \"")
            raw(flag.rule.rawValue)
            raw("\", \"severity\": \"")
            raw(flag.severity.rawValue)
            raw("\", \"value\": ")
            number(flag.value)
            raw(", \"threshold\": ")
            number(flag.threshold)
            raw(", \"unit\": ")
            string(flag.unit)
            if let district = flag.district {
                raw(", \"district\": ")
                string(district)
            }
            if let known = sentences[flag] {
                bytes += known
            } else {
                let start = bytes.count
                raw(", \"message\": ")
                string(flag.message)
                raw(", \"message_zh\": ")
                string(flag.messageZh)
                if sentences.count < 100_000 { sentences[flag] = Array(bytes[start...]) }
            }
            raw("}")
        }
        raw("\n")
        var closing = indent
        closing.withUTF8 { bytes.append(contentsOf: $0.dropLast(2)) }
        raw("]")
    }
}

/// Numbers as JSON.
public enum JSON {
    /// A number as JSON: whole numbers without a fraction, others in their shortest exact form.
    public static func number(_ value: Double) -> String {
        value.isFinite ? value.shortestText : "null"
    }
}
