import SchoolNetCLI

/// The `schoolnet` executable: everything lives in SchoolNetCLI so tests can reach it.
@main
enum SchoolNet {
    static func main() async {
        await SchoolNetCommand.runFromCommandLine()
    }
}
