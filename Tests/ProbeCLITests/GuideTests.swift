import Foundation
import TestSupport
import Testing

@testable import ProbeAgent

/// The probe's two guides, English and Chinese, kept in step: IT staff following either one do
/// the same steps with the same commands and find every configuration key the agent reads.
@Suite("Probes/README.md and README.zh.md")
struct GuideTests {
    static let english = (try? String(contentsOfFile: Programs.path("Probes/README.md"), encoding: .utf8)) ?? ""
    static let chinese = (try? String(contentsOfFile: Programs.path("Probes/README.zh.md"), encoding: .utf8)) ?? ""

    /// The lines of the section whose heading starts with `heading`, to the next heading.
    static func section(_ text: String, _ heading: String) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return [] }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("#") } ?? rest.endIndex
        return Array(rest[..<end])
    }

    /// The lines inside the section's code blocks, trimmed.
    static func code(_ lines: [Substring]) -> [String] {
        var inside = false
        var code: [String] = []
        for line in lines {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inside.toggle()
            } else if inside {
                code.append(line.trimmingCharacters(in: .whitespaces))
            }
        }
        return code
    }

    /// The install steps: numbered the same, with the same commands in the same order.
    @Test func sameSteps() {
        let english = Self.section(Self.english, "## Install")
        let chinese = Self.section(Self.chinese, "## 安装")
        func numbers(_ lines: [Substring]) -> [Int] {
            lines.compactMap { line in line.firstIndex(of: ".").flatMap { Int(line[..<$0]) } }
        }
        #expect(numbers(english) == Array(1...6))
        #expect(numbers(chinese) == numbers(english))
        #expect(!Self.code(english).isEmpty)
        #expect(Self.code(chinese) == Self.code(english))
    }

    /// The configuration tables: the same keys, one a row, and exactly the sections and keys
    /// the agent's reader knows (an unknown key is an error, so a documented key it does not
    /// know would stop the agent).
    @Test func sameOptions() {
        func keys(_ lines: [Substring]) -> Set<String> {
            Set(
                lines.compactMap { line -> String? in
                    guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
                    return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
                })
        }
        let english = keys(Self.section(Self.english, "## Configure"))
        let chinese = keys(Self.section(Self.chinese, "## 配置"))
        #expect(english.count >= 25)
        #expect(chinese == english)
        let sections = Set(english.map { String($0.split(separator: ".")[0]) })
        #expect(sections == Set(AgentConfig.keys.keys), "documented: \(sections.sorted())")
        for key in english where key.contains(".") {
            #expect(AgentConfig.knows(key), "\(key) is documented but not read")
        }
    }

    /// Every command of the probe the English guide shows, the Chinese one shows too.
    @Test func sameCommands() {
        func commands(_ text: String) -> Set<String> {
            var found = Set<String>()
            var rest = Substring(text)
            while let range = rest.range(of: "schoolnet-probe ") {
                let word = rest[range.upperBound...].prefix { $0.isLetter }
                if !word.isEmpty { found.insert(String(word)) }
                rest = rest[range.upperBound...]
            }
            return found
        }
        let english = commands(Self.english)
        #expect(english.isSuperset(of: ["doctor", "status", "run", "upload", "test", "capture", "analyze", "export"]))
        #expect(english.isSubset(of: commands(Self.chinese)), "missing: \(english.subtracting(commands(Self.chinese)))")
    }
}
