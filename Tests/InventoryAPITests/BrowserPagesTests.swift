import Foundation
import TestSupport
import Testing

/// The web pages in a real browser: Tests/Browser/pages_test.py drives headless Chromium
/// (Selenium, chromedriver) against a real `schoolnet serve` over the sample city and checks each
/// page against the service's own API.
@Suite(.serialized) struct BrowserPagesTests {
    /// Debian's Python, the one its python3-selenium is installed for (a pyenv `python3` earlier
    /// on PATH does not see it).
    static let python = "/usr/bin/python3"

    /// What the browser check needs and this machine lacks.
    static func missingTools() -> [String] {
        var missing = ["/usr/bin/chromium", "/usr/bin/chromedriver", python].filter {
            !FileManager.default.isExecutableFile(atPath: $0)
        }
        if !missing.contains(python), (try? Programs.run(python, ["-c", "import selenium"]))?.status != 0 {
            missing.append("Selenium for \(python) (python3-selenium)")
        }
        return missing
    }

    /// Runs a program to its end on a thread of its own: a browser run takes a minute, which a
    /// blocking wait would take from the two threads of the concurrency pool.
    static func runOffPool(_ executable: String, _ arguments: [String]) async throws -> Programs.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try Programs.run(executable, arguments) }) }.start()
        }
    }

    /// Logging in is required and a wrong token refused; the overview's figures and rule counts
    /// are the API report's; a filter's rows are its CSV's; a school named with a script shows the
    /// name as text and runs nothing; every label changes with the language; Chinese is drawn
    /// with real glyphs; every page renders.
    @Test(.timeLimit(.minutes(10))) func pagesInChromium() async throws {
        let missing = Self.missingTools()
        try #require(missing.isEmpty, "missing \(missing.joined(separator: ", ")): run Scripts/install-deps.sh")
        let service = try ServiceProcess()
        let planner = try service.token(["--scope", "planner"])
        let admin = try service.token(["--scope", "admin"])
        var arguments = [
            Programs.path("Tests/Browser/pages_test.py"), "--base", service.url, "--planner-token", planner,
            "--admin-token", admin,
        ]
        if let folder = ProcessInfo.processInfo.environment["SCHOOLNET_SCREENSHOTS"], !folder.isEmpty {
            arguments += ["--screenshots", folder]
        }
        let result = try await Self.runOffPool(Self.python, arguments)
        #expect(
            result.status == 0,
            """
            pages_test.py exited \(result.status):
            \(result.stdout)\(result.stderr)
            service log: \(service.logTail)
            """)
    }
}
