import Foundation
import TestSupport

/// The probe's programs, as the probe's tests run them: the built `schoolnet-probe`, the lab
/// script, the captures; running goes through TestSupport's `Programs`.
enum ProbeProcess {
    static let root = Programs.root

    /// The executable beside the test bundle in the build folder.
    static let probe = Programs.executable("schoolnet-probe")

    static let lab = root.appendingPathComponent("Probes/lab.sh").path

    static func capture(_ name: String) -> String { root.appendingPathComponent("Probes/captures/\(name)").path }

    typealias Result = Programs.Result

    /// Runs a program to its end.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        try Programs.run(executable, arguments)
    }

    /// Starts a program with its output in pipes.
    static func start(_ executable: String, _ arguments: [String]) throws -> Process {
        try Programs.start(executable, arguments)
    }

    static func temporaryPath(_ suffix: String = "") -> String { Programs.temporaryPath(suffix) }

    /// Whether the lab can be built here: root, iproute2 and network namespaces.
    static let labAvailable: Bool = (try? run("/bin/bash", [lab, "check"]).status == 0) ?? false
}
