import ProbeCLI

/// The `schoolnet-probe` executable: everything lives in ProbeCLI so tests can reach it.
@main
enum SchoolNetProbe {
    static func main() async {
        await ProbeCommand.runFromCommandLine()
    }
}
